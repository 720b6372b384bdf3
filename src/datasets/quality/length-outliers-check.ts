// Length outliers: prompts far shorter or longer than the rest, by robust z-score (median and
// median absolute deviation), falling back to Tukey's IQR fences when the MAD is zero.
import { type PreparedDataset, type QualityCheckResult, checkResult } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function lengthOutliersCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const lengths = dataset.inputs.map((text) => text.trim().length);
  const empty = lengths.flatMap((length, index) => (length === 0 ? [index] : []));
  if (lengths.length < 5) {
    return checkResult(dataset, 'length_outliers', empty.length > 0 ? 'fail' : 'pass', empty.length > 0 ? `${empty.length} empty prompts` : 'too few items for length statistics', empty, { empty: empty.length });
  }
  const sorted = [...lengths].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const deviations = lengths.map((length) => Math.abs(length - median)).sort((a, b) => a - b);
  const mad = quantile(deviations, 0.5);
  let isOutlier: (length: number) => boolean;
  if (mad > 0) {
    isOutlier = (length) => Math.abs((0.6745 * (length - median)) / mad) > options.lengthZThreshold;
  } else {
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    const iqr = q3 - q1;
    isOutlier = (length) => length < q1 - 3 * iqr || length > q3 + 3 * iqr;
  }
  const outliers = lengths.flatMap((length, index) => (length > 0 && isOutlier(length) ? [index] : []));
  const status = empty.length > 0 ? 'fail' : outliers.length > 0 ? 'warn' : 'pass';
  const parts = [];
  if (empty.length > 0) parts.push(`${empty.length} empty prompts`);
  if (outliers.length > 0) parts.push(`${outliers.length} prompts of unusual length (median ${median} characters)`);
  return checkResult(
    dataset,
    'length_outliers',
    status,
    parts.length === 0 ? `prompt lengths are consistent (median ${median} characters)` : parts.join('; '),
    [...empty, ...outliers],
    { empty: empty.length, outliers: outliers.length, medianLength: median, mad, maxLength: sorted[sorted.length - 1] },
  );
}
