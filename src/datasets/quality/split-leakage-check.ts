// Train/test leakage: evaluation items (validation or test split) whose prompt also appears in the
// training split, exactly or nearly. Leakage inflates every score measured on the evaluation split.
import { nearDuplicatePairs } from './duplicate-checks.js';
import { type PreparedDataset, type QualityCheckResult, checkResult } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

export function splitLeakageCheck(
  dataset: PreparedDataset,
  options: QualityOptions,
  signatures: readonly Uint32Array[],
): QualityCheckResult {
  const splits = dataset.items.map((item) => item.split);
  const hasTrain = splits.includes('train');
  const hasEval = splits.some((split) => split === 'test' || split === 'validation');
  if (!hasTrain || !hasEval) {
    return checkResult(dataset, 'split_leakage', 'pass', 'no train and evaluation splits to compare', [], { exact: 0, near: 0 });
  }
  const trainInputs = new Set<string>();
  splits.forEach((split, i) => {
    if (split === 'train') trainInputs.add(dataset.normalisedInputs[i]);
  });
  const exact = new Set<number>();
  splits.forEach((split, i) => {
    if (split !== 'train' && split !== undefined && trainInputs.has(dataset.normalisedInputs[i])) exact.add(i);
  });
  const near = new Set<number>();
  for (const [a, b] of nearDuplicatePairs(signatures, options)) {
    const crosses = (splits[a] === 'train') !== (splits[b] === 'train') && splits[a] !== undefined && splits[b] !== undefined;
    if (!crosses) continue;
    const evalIndex = splits[a] === 'train' ? b : a;
    if (!exact.has(evalIndex)) near.add(evalIndex);
  }
  const evalCount = splits.filter((split) => split === 'test' || split === 'validation').length;
  const leaked = [...exact, ...near];
  const status = exact.size > 0 ? 'fail' : near.size > 0 ? 'warn' : 'pass';
  const summary =
    leaked.length === 0
      ? 'no evaluation item appears in the training split'
      : `${exact.size} evaluation items appear verbatim and ${near.size} nearly in the training split (of ${evalCount})`;
  return checkResult(dataset, 'split_leakage', status, summary, leaked, {
    exact: exact.size,
    near: near.size,
    share: evalCount === 0 ? 0 : leaked.length / evalCount,
  });
}
