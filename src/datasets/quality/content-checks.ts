// Content screening: personal data (src/privacy detectors) and toxic language (obscenity lexicon)
// in prompts and targets.
import { detectPii, hasToxicLanguage } from '../../privacy/index.js';
import { type PreparedDataset, type QualityCheckResult, checkResult } from './quality-check.js';

function textsOf(dataset: PreparedDataset, index: number): string {
  const item = dataset.items[index];
  const extra = item.kind === 'preference' ? `\n${item.rejected}` : '';
  return `${dataset.inputs[index]}\n${dataset.targets[index] ?? ''}${extra}`;
}

export function piiCheck(dataset: PreparedDataset): QualityCheckResult {
  const byKind: Record<string, number> = {};
  const flagged: number[] = [];
  dataset.items.forEach((_, index) => {
    const findings = detectPii(textsOf(dataset, index));
    if (findings.length === 0) return;
    flagged.push(index);
    for (const finding of findings) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  });
  const summary =
    flagged.length === 0
      ? 'no personal data found'
      : `${flagged.length} items hold personal data (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ')})`;
  return checkResult(dataset, 'pii', flagged.length === 0 ? 'pass' : 'warn', summary, flagged, { items: flagged.length, ...byKind });
}

export function toxicContentCheck(dataset: PreparedDataset): QualityCheckResult {
  const flagged: number[] = [];
  dataset.items.forEach((_, index) => {
    if (hasToxicLanguage(textsOf(dataset, index))) flagged.push(index);
  });
  const summary = flagged.length === 0 ? 'no toxic language found' : `${flagged.length} items contain profane or abusive language`;
  return checkResult(dataset, 'toxic_content', flagged.length === 0 ? 'pass' : 'warn', summary, flagged, { items: flagged.length });
}
