// Bandit allocation of an experiment's traffic: Thompson sampling on a declared reward, a floor per
// arm, and a stopping rule. Pure: the rewards come from the arms' requests, the decision from a seed.
import { invalid } from '../errors/index.js';
import { type ArmRewards, DEFAULT_SEED, type ThompsonDecision, thompsonAllocation } from '../statistics/index.js';
import type { RouteSample } from './route-samples.js';

export const BANDIT_REWARDS = ['success', 'feedback', 'cost_adjusted'] as const;
export type BanditReward = (typeof BANDIT_REWARDS)[number];

/** How a bandit experiment moves traffic; every field but `reward` has a default. */
export interface BanditAllocation {
  kind: 'thompson';
  /**
   * `success`: 1 for an answered request, 0 for a failed one (Beta posterior); `feedback`: the
   * request's feedback score, requests without feedback left out (normal posterior); `cost_adjusted`:
   * success − costWeight × cost in USD (normal posterior).
   */
  reward: BanditReward;
  /** Reward units one USD costs under `cost_adjusted` (default 100: $0.01 costs a whole success). */
  costWeight: number;
  /** Smallest traffic share each arm keeps (default 0.05). */
  floor: number;
  /** Seconds between decisions (default 300). */
  intervalSeconds: number;
  /** Rewards each arm needs before allocation moves or the rule stops (default 30). */
  minSamples: number;
  /** Stop, the best arm taking the route, once it is best with this probability (default 0.95). */
  stopProbability: number;
  /** Stop automatically when the rule names a winner (default true); else only record it. */
  autoStop: boolean;
  /** Seed of the Monte Carlo draws; decision n uses a seed derived from it and n. */
  seed: number;
}

export const BANDIT_DEFAULTS = { kind: 'thompson', costWeight: 100, floor: 0.05, intervalSeconds: 300, minSamples: 30, stopProbability: 0.95, autoStop: true, seed: DEFAULT_SEED } as const satisfies Omit<BanditAllocation, 'reward'>;

export type BanditAllocationInput = Partial<BanditAllocation> & { reward: BanditReward };

/** The allocation with defaults, checked against the number of arms. */
export function resolveBandit(input: BanditAllocationInput, arms: number): BanditAllocation {
  const bandit: BanditAllocation = { ...BANDIT_DEFAULTS, ...input };
  if (!(bandit.floor >= 0 && bandit.floor * arms <= 1)) throw invalid(`floor ${bandit.floor} × ${arms} arms must stay within [0, 1]`);
  if (!(bandit.stopProbability > 0.5 && bandit.stopProbability <= 1)) throw invalid('stopProbability must lie in (0.5, 1]');
  if (!(bandit.intervalSeconds > 0)) throw invalid('intervalSeconds must be positive');
  return bandit;
}

/** One arm's rewards under the declared reward. */
export function armRewards(arm: string, samples: readonly RouteSample[], bandit: BanditAllocation): ArmRewards {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const s of samples) {
    const success = s.failed ? 0 : 1;
    const reward = bandit.reward === 'success' ? success : bandit.reward === 'feedback' ? s.feedback : success - bandit.costWeight * s.costUsd;
    if (reward === null || !Number.isFinite(reward)) continue;
    n++;
    sum += reward;
    sumSquares += reward * reward;
  }
  return { arm, n, sum, sumSquares };
}

/** Decision `seq` of the bandit over the arms' rewards. */
export function banditDecision(rewards: readonly ArmRewards[], bandit: BanditAllocation, seq: number): ThompsonDecision {
  return thompsonAllocation(rewards, {
    model: bandit.reward === 'success' ? 'bernoulli' : 'normal',
    floor: bandit.floor,
    minSamples: bandit.minSamples,
    stopProbability: bandit.stopProbability,
    seed: (bandit.seed + Math.imul(seq, 0x9e3779b1)) >>> 0,
  });
}
