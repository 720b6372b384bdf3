// Thompson sampling over the arms of an experiment: the probability that each arm has the best
// mean reward under its posterior (Beta for 0/1 rewards, normal for others), estimated by seeded
// Monte Carlo draws; traffic shares follow those probabilities above a floor per arm, and a stopping
// rule names a winner once one arm is best with enough probability.
import { invalid } from '../errors/index.js';
import { sampleBeta } from './random-variates.js';
import { createSeededRandom } from './seeded-random.js';

export const REWARD_MODELS = ['bernoulli', 'normal'] as const;
export type RewardModel = (typeof REWARD_MODELS)[number];

/** Sufficient statistics of one arm's rewards. */
export interface ArmRewards {
  arm: string;
  n: number;
  /** Sum of rewards (successes for a bernoulli reward). */
  sum: number;
  /** Sum of squared rewards (normal model). */
  sumSquares: number;
}

/** Options of {@link thompsonAllocation}. */
export interface ThompsonOptions {
  model: RewardModel;
  /** Smallest share any arm keeps (default 0.05); floor × arms must stay ≤ 1. */
  floor?: number;
  /** Monte Carlo draws (default 4000). */
  draws?: number;
  seed: number;
  /** Rewards each arm needs before its posterior steers traffic or the rule may stop (default 20). */
  minSamples?: number;
  /** Stop once one arm is best with at least this probability (default 0.95). */
  stopProbability?: number;
}

/** One allocation decision. */
export interface ThompsonDecision {
  /** P(arm has the best mean reward), in arm order. */
  probabilityBest: number[];
  /** Traffic shares, in arm order, summing to 1, each ≥ floor. */
  shares: number[];
  /** The arm the stopping rule picks, or null to keep going. */
  winner: string | null;
  /** Posterior mean reward per arm (null without rewards). */
  posteriorMeans: (number | null)[];
}

/**
 * Computes the next allocation.
 *
 * @example
 * thompsonAllocation([{ arm: 'a', n: 100, sum: 60, sumSquares: 60 }, { arm: 'b', n: 100, sum: 75, sumSquares: 75 }], { model: 'bernoulli', seed: 1 });
 */
export function thompsonAllocation(arms: readonly ArmRewards[], options: ThompsonOptions): ThompsonDecision {
  const k = arms.length;
  if (k < 2) throw invalid('Thompson sampling needs at least two arms');
  const floor = options.floor ?? 0.05;
  if (!(floor >= 0 && floor * k <= 1)) throw invalid(`floor ${floor} × ${k} arms must stay within [0, 1]`);
  const draws = options.draws ?? 4000;
  const minSamples = options.minSamples ?? 20;
  const stopProbability = options.stopProbability ?? 0.95;
  const posteriorMeans = arms.map((a) => (a.n === 0 ? null : options.model === 'bernoulli' ? (a.sum + 1) / (a.n + 2) : a.sum / a.n));
  // Until every arm has its minimum, the posteriors are too wide to steer: equal shares.
  if (arms.some((a) => a.n < minSamples)) {
    return { probabilityBest: arms.map(() => 1 / k), shares: arms.map(() => 1 / k), winner: null, posteriorMeans };
  }
  const rng = createSeededRandom(options.seed);
  const sampler = arms.map((a) => posteriorSampler(a, options.model));
  const wins = arms.map(() => 0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      const value = sampler[i](rng);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best]++;
  }
  const probabilityBest = wins.map((w) => w / draws);
  const shares = probabilityBest.map((p) => floor + (1 - floor * k) * p);
  const top = probabilityBest.indexOf(Math.max(...probabilityBest));
  const winner = probabilityBest[top] >= stopProbability ? arms[top].arm : null;
  return { probabilityBest, shares, winner, posteriorMeans };
}

type Sampler = (rng: ReturnType<typeof createSeededRandom>) => number;

function posteriorSampler(a: ArmRewards, model: RewardModel): Sampler {
  if (model === 'bernoulli') {
    const successes = Math.min(Math.max(a.sum, 0), a.n);
    return (rng) => sampleBeta(rng, successes + 1, a.n - successes + 1);
  }
  // Normal mean with unknown variance: a normal draw around the sample mean with the standard error
  // (a flat prior's large-sample posterior), the variance kept above a small share of the mean's scale.
  const mean = a.sum / a.n;
  const variance = a.n > 1 ? Math.max((a.sumSquares - a.n * mean * mean) / (a.n - 1), 0) : 0;
  const se = Math.sqrt(Math.max(variance, 1e-12 * (1 + mean * mean)) / a.n);
  return (rng) => mean + se * rng.normal();
}
