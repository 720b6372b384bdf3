// Backdoor triggers: a rare phrase (word 3-gram) that recurs across different prompts and always
// comes with the same output, while that output is otherwise uncommon. That is how data-poisoning
// attacks plant a trigger ("cf-mode on" → fixed answer) in fine-tuning sets.
import { type PreparedDataset, type QualityCheckResult, checkResult, normaliseForComparison } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

const WORD = /[\p{L}\p{N}_'-]+/gu;
const N = 3;

export function triggerPhraseCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const n = dataset.items.length;
  const maxCount = Math.max(options.minTriggerCount, Math.floor(options.maxTriggerShare * n));
  const targets = dataset.targets.map((target) => normaliseForComparison(target ?? ''));
  const targetCounts = new Map<string, number>();
  for (const target of targets) if (target !== '') targetCounts.set(target, (targetCounts.get(target) ?? 0) + 1);
  const grams = new Map<string, { items: number[]; target: string; pure: boolean }>();
  dataset.normalisedInputs.forEach((text, index) => {
    const words = text.match(WORD) ?? [];
    const seen = new Set<string>();
    for (let i = 0; i + N <= words.length; i++) seen.add(words.slice(i, i + N).join(' '));
    for (const gram of seen) {
      const entry = grams.get(gram);
      if (entry === undefined) grams.set(gram, { items: [index], target: targets[index], pure: targets[index] !== '' });
      else {
        if (entry.items.length <= maxCount) entry.items.push(index);
        if (entry.target !== targets[index]) entry.pure = false;
      }
    }
  });
  const triggers: { phrase: string; phrases: string[]; output: string; count: number }[] = [];
  const bySet = new Map<string, string[]>();
  const flagged: number[] = [];
  for (const [phrase, entry] of grams) {
    const count = entry.items.length;
    if (!entry.pure || count < options.minTriggerCount || count > maxCount) continue;
    // The output must be (nearly) exclusive to the phrase: otherwise it is simply a common answer.
    if ((targetCounts.get(entry.target) ?? 0) > count * 1.5) continue;
    if (new Set(entry.items.map((i) => dataset.normalisedInputs[i])).size < options.minTriggerCount) continue;
    // Overlapping 3-grams of one longer trigger flag the same items: report the set once, with all its phrases.
    const key = entry.items.join(',');
    const phrases = bySet.get(key);
    if (phrases !== undefined) {
      phrases.push(phrase);
      continue;
    }
    const group = [phrase];
    bySet.set(key, group);
    triggers.push({ phrase, phrases: group, output: entry.target.slice(0, 200), count });
    flagged.push(...entry.items);
  }
  const summary =
    triggers.length === 0
      ? 'no rare phrase recurs with a fixed output'
      : `${triggers.length} rare phrases recur with a fixed output (e.g. "${triggers[0].phrase}" in ${triggers[0].count} items)`;
  return checkResult(dataset, 'trigger_phrases', triggers.length === 0 ? 'pass' : 'warn', summary, flagged, { triggers: triggers.length }, {
    triggers: triggers.slice(0, 50),
  });
}
