// An always-valid comparison of two arms (treatment − control) for a mean or a proportion, fed one
// observation at a time in arrival order: a mixture SPRT with plug-in variances (asymptotic
// confidence sequence, Waudby-Smith et al. 2021). Its p-value and interval stay valid however
// often they are read, unlike a fixed-horizon test peeked at before its planned sample size.
import { invalid } from '../errors/index.js';
import { mixturePrecisionFor, normalMixtureHalfWidth, normalMixtureLogRatio } from './normal-mixture-boundary.js';

export const SEQUENTIAL_KINDS = ['mean', 'proportion'] as const;
export type SequentialKind = (typeof SEQUENTIAL_KINDS)[number];

/** Options of {@link createSequentialDifference}. */
export interface SequentialOptions {
  /** Error level: P(ever rejecting a true null) ≤ alpha (default 0.05). */
  alpha?: number;
  /** `proportion` for 0/1 outcomes (smoothed Bernoulli variance), `mean` otherwise (default). */
  kind?: SequentialKind;
  /** Per-arm sample size at which the interval is tightest (default 500). */
  tuningSamples?: number;
  /**
   * Observations each arm needs before the test is read (default 30): the plug-in variance of two
   * or three values is too rough for the asymptotic guarantee.
   */
  minSamples?: number;
}

/** What the test says after the observations so far. */
export interface SequentialState {
  nControl: number;
  nTreatment: number;
  control: number;
  treatment: number;
  /** treatment − control. */
  difference: number;
  /** Running intersection of the confidence sequence of the difference (±∞ before minSamples). */
  lower: number;
  upper: number;
  /** Always-valid p-value: 1 / the largest likelihood ratio seen so far, at most 1. */
  pValue: number;
  /** pValue ≤ alpha: once true it stays true. */
  significant: boolean;
}

/** A running two-arm sequential test. */
export interface SequentialDifference {
  add(arm: 'control' | 'treatment', value: number): void;
  state(): SequentialState;
}

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

/**
 * Starts a sequential test of H₀: treatment and control have the same mean (or rate).
 *
 * @example
 * const test = createSequentialDifference({ kind: 'proportion', alpha: 0.05 });
 * for (const r of requests) test.add(r.arm, r.failed ? 1 : 0);
 * test.state().significant;
 */
export function createSequentialDifference(options: SequentialOptions = {}): SequentialDifference {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw invalid(`alpha ${alpha} must lie in (0, 1)`);
  const kind = options.kind ?? 'mean';
  const tuning = options.tuningSamples ?? 500;
  const minSamples = Math.max(2, options.minSamples ?? 30);
  if (!(tuning > 0)) throw invalid('tuningSamples must be positive');
  const arms: Record<'control' | 'treatment', Moments> = { control: { n: 0, mean: 0, m2: 0 }, treatment: { n: 0, mean: 0, m2: 0 } };
  let maxLogRatio = Number.NEGATIVE_INFINITY;
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  const logThreshold = Math.log(1 / alpha);

  const varianceOf = (m: Moments): number => {
    if (kind === 'proportion') {
      // Smoothed rate, so an arm with no failures yet still has a variance above 0.
      const p = (m.mean * m.n + 0.5) / (m.n + 1);
      return p * (1 - p);
    }
    return m.n > 1 ? m.m2 / (m.n - 1) : 0;
  };

  const look = (): void => {
    const a = arms.control;
    const b = arms.treatment;
    if (a.n < minSamples || b.n < minSamples) return;
    const va = varianceOf(a);
    const vb = varianceOf(b);
    const s2 = va / a.n + vb / b.n;
    if (!(s2 > 0)) return;
    const precision = 1 / s2;
    const rho = mixturePrecisionFor(tuning / (va + vb), alpha);
    const difference = b.mean - a.mean;
    maxLogRatio = Math.max(maxLogRatio, normalMixtureLogRatio(precision * difference, precision, rho));
    const half = normalMixtureHalfWidth(precision, rho, alpha);
    const lo = difference - half;
    const hi = difference + half;
    // The running intersection is also a (1 − α) sequence; keep it from crossing itself.
    if (Math.max(lower, lo) <= Math.min(upper, hi)) {
      lower = Math.max(lower, lo);
      upper = Math.min(upper, hi);
    }
  };

  return {
    add(arm, value) {
      if (!Number.isFinite(value)) throw invalid(`observation ${value} is not a finite number`);
      if (kind === 'proportion' && value !== 0 && value !== 1) throw invalid(`a proportion takes 0 or 1, not ${value}`);
      const m = arms[arm];
      m.n++;
      const delta = value - m.mean;
      m.mean += delta / m.n;
      m.m2 += delta * (value - m.mean);
      look();
    },
    state() {
      const a = arms.control;
      const b = arms.treatment;
      const pValue = Math.min(1, Math.exp(-maxLogRatio));
      return {
        nControl: a.n,
        nTreatment: b.n,
        control: a.n === 0 ? Number.NaN : a.mean,
        treatment: b.n === 0 ? Number.NaN : b.mean,
        difference: a.n === 0 || b.n === 0 ? Number.NaN : b.mean - a.mean,
        lower,
        upper,
        pValue,
        significant: maxLogRatio >= logThreshold,
      };
    },
  };
}

/** Runs the test over observations already in arrival order. */
export function sequentialDifference(observations: Iterable<{ arm: 'control' | 'treatment'; value: number }>, options: SequentialOptions = {}): SequentialState {
  const test = createSequentialDifference(options);
  for (const o of observations) test.add(o.arm, o.value);
  return test.state();
}
