// Quantiles with numpy's default ('linear', Hyndman–Fan type 7) definition, so numbers agree
// with what a data scientist computes in a notebook.

/** Quantile q ∈ [0, 1] of an already ascending-sorted sample (numpy 'linear'). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(q)) return Number.NaN;
  const clamped = Math.min(1, Math.max(0, q));
  const h = (n - 1) * clamped;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantile q ∈ [0, 1] of a sample (numpy.quantile with method='linear'). */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(sortAscending(values), q);
}

/** Several quantiles at once, sorting once. */
export function quantiles(values: readonly number[], qs: readonly number[]): number[] {
  const sorted = sortAscending(values);
  return qs.map((q) => quantileSorted(sorted, q));
}

/** The median (the 0.5 quantile). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** A sorted copy (numeric order, not JavaScript's default string order). */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
