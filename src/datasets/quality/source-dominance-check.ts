// Source concentration: when one `provenance.source` supplies most items of a mixed dataset, a
// single compromised or biased source can steer the model.
import { type PreparedDataset, type QualityCheckResult, checkResult } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

export function sourceDominanceCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const counts = new Map<string, number>();
  let unknown = 0;
  for (const item of dataset.items) {
    const source = item.provenance?.source;
    if (source === undefined) unknown++;
    else counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  const known = dataset.items.length - unknown;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (sorted.length < 2) {
    const summary = sorted.length === 0 ? 'no item records its source' : `every item with a source comes from "${sorted[0][0]}"`;
    return checkResult(dataset, 'source_dominance', 'pass', summary, [], { sources: sorted.length, unknown });
  }
  const [top, topCount] = sorted[0];
  const share = topCount / known;
  const dominant = share > options.maxSourceShare;
  const indices = dominant ? dataset.items.flatMap((item, index) => (item.provenance?.source === top ? [index] : [])) : [];
  return checkResult(
    dataset,
    'source_dominance',
    dominant ? 'warn' : 'pass',
    `${sorted.length} sources; the largest, "${top}", supplies ${(share * 100).toFixed(1)}% of items with a source`,
    indices,
    { sources: sorted.length, topShare: share, unknown },
    { distribution: Object.fromEntries(sorted.slice(0, 50)) },
  );
}
