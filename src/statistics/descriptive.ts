// Descriptive statistics of a numeric sample: sum, mean, variance and standard deviation.
import { invalid } from '../errors/index.js';

/** Sum with Neumaier compensation, so long latency series do not drift. */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const t = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - t + value : value - t + total;
    total = t;
  }
  return total + compensation;
}

/** Arithmetic mean; NaN for an empty sample. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}

/**
 * Variance with `ddof` delta degrees of freedom: 1 (default) is the unbiased sample variance,
 * 0 the population variance (numpy's default). NaN when n ≤ ddof.
 */
export function variance(values: readonly number[], ddof = 1): number {
  const n = values.length;
  if (n <= ddof) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return squares / (n - ddof);
}

/** Standard deviation, the square root of {@link variance}. */
export function standardDeviation(values: readonly number[], ddof = 1): number {
  return Math.sqrt(variance(values, ddof));
}

/** Throws VALIDATION_FAILED unless every value is a finite number. */
export function assertFiniteSample(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw invalid(`${name}[${i}] is not a finite number`);
  }
}
