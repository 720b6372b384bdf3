// Label distribution, when the references look like class labels (few distinct, short values):
// imbalance, and rare tokens that predict one label perfectly (a sign of label-flip poisoning).
import { type PreparedDataset, type QualityCheckResult, checkResult, normaliseForComparison } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

/** The normalised labels when the targets look like labels, else undefined. */
export function labelsOf(dataset: PreparedDataset): string[] | undefined {
  const n = dataset.items.length;
  if (n < 10) return undefined;
  const labels = dataset.targets.map((target) => normaliseForComparison(target ?? ''));
  const withLabel = labels.filter((label) => label !== '');
  if (withLabel.length < 0.9 * n) return undefined;
  const short = withLabel.filter((label) => label.length <= 40 && label.split(' ').length <= 4);
  if (short.length < 0.95 * withLabel.length) return undefined;
  const distinct = new Set(withLabel).size;
  return distinct <= Math.max(2, Math.min(50, Math.floor(n / 5))) ? labels : undefined;
}

function counts(labels: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const label of labels) if (label !== '') out.set(label, (out.get(label) ?? 0) + 1);
  return out;
}

export function labelImbalanceCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const labels = labelsOf(dataset);
  if (labels === undefined) {
    return checkResult(dataset, 'label_imbalance', 'pass', 'the references do not look like class labels', [], {});
  }
  const distribution = counts(labels);
  const sorted = [...distribution.entries()].sort((a, b) => b[1] - a[1]);
  const total = sorted.reduce((sum, [, count]) => sum + count, 0);
  const [majority, majorityCount] = sorted[0];
  const minorityCount = sorted[sorted.length - 1][1];
  const majorityShare = majorityCount / total;
  const imbalanced = majorityShare > options.maxMajorityShare;
  const summary = imbalanced
    ? `label "${majority}" is ${(majorityShare * 100).toFixed(1)}% of ${total} labelled items (${sorted.length} labels)`
    : `${sorted.length} labels, largest "${majority}" at ${(majorityShare * 100).toFixed(1)}%`;
  const minority = labels.flatMap((label, index) => (label !== '' && label !== majority && imbalanced ? [index] : []));
  return checkResult(
    dataset,
    'label_imbalance',
    imbalanced ? 'warn' : 'pass',
    summary,
    minority,
    { labels: sorted.length, majorityShare, imbalanceRatio: majorityCount / minorityCount },
    { distribution: Object.fromEntries(sorted) },
  );
}

const WORD = /[\p{L}\p{N}_]+/gu;

export function labelCorrelatedTokensCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const labels = labelsOf(dataset);
  if (labels === undefined) {
    return checkResult(dataset, 'label_correlated_tokens', 'pass', 'the references do not look like class labels', [], {});
  }
  const n = dataset.items.length;
  const labelCounts = counts(labels);
  // token → items containing it, and whether they all share one label
  const stats = new Map<string, { items: number[]; label: string; pure: boolean }>();
  dataset.normalisedInputs.forEach((text, index) => {
    const label = labels[index];
    for (const token of new Set(text.match(WORD) ?? [])) {
      const entry = stats.get(token);
      if (entry === undefined) stats.set(token, { items: [index], label, pure: label !== '' });
      else {
        if (entry.items.length <= options.maxTriggerShare * n + 1) entry.items.push(index);
        if (entry.label !== label) entry.pure = false;
      }
    }
  });
  const suspicious: { token: string; label: string; count: number; lift: number }[] = [];
  const flagged: number[] = [];
  const inRange = (count: number): boolean => count >= options.minTriggerCount && count <= options.maxTriggerShare * n;
  let tested = 0;
  for (const entry of stats.values()) if (inRange(entry.items.length)) tested++;
  for (const [token, entry] of stats) {
    const count = entry.items.length;
    if (!entry.pure || !inRange(count)) continue;
    const base = (labelCounts.get(entry.label) ?? 0) / n;
    const lift = 1 / base;
    // A rare token always seen with a label that is not itself dominant, and too often for chance:
    // P(all `count` items share the label) = base^count, Bonferroni-corrected over the tokens tested.
    if (base > 0.5 || lift < 2 || base ** count * tested > 0.01) continue;
    // Ignore tokens whose items are all the same prompt (plain duplicates).
    if (new Set(entry.items.map((i) => dataset.normalisedInputs[i])).size < options.minTriggerCount) continue;
    suspicious.push({ token, label: entry.label, count, lift });
    flagged.push(...entry.items);
  }
  suspicious.sort((a, b) => b.count - a.count);
  const summary =
    suspicious.length === 0
      ? 'no rare token predicts a label perfectly'
      : `${suspicious.length} rare tokens always appear with one label (e.g. "${suspicious[0].token}" → "${suspicious[0].label}" in ${suspicious[0].count} items)`;
  return checkResult(dataset, 'label_correlated_tokens', suspicious.length === 0 ? 'pass' : 'warn', summary, flagged, { tokens: suspicious.length }, {
    tokens: suspicious.slice(0, 50),
  });
}
