// ROUGE-L (Lin 2004): F-measure of the longest common subsequence of tokens.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { wordTokens } from './answer-text.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

/** Length of the longest common subsequence, O(n·m) time and O(min(n, m)) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  let previous = new Uint32Array(short.length + 1);
  let current = new Uint32Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    for (let j = 1; j <= short.length; j++) {
      current[j] = long[i - 1] === short[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length];
}

/** ROUGE-L F-measure; `beta` > 1 weighs recall more. */
export function rougeL(candidate: readonly string[], reference: readonly string[], beta = 1): number {
  if (candidate.length === 0 || reference.length === 0) return candidate.length === reference.length ? 1 : 0;
  const lcs = lcsLength(candidate, reference);
  if (lcs === 0) return 0;
  const precision = lcs / candidate.length;
  const recall = lcs / reference.length;
  return ((1 + beta * beta) * precision * recall) / (recall + beta * beta * precision);
}

export const RougeLConfigSchema = z.object({
  beta: z.number().positive().default(1),
  lowercase: z.boolean().default(true),
  threshold: thresholdField,
});
export type RougeLConfig = z.infer<typeof RougeLConfigSchema>;

export const rougeLMetric: EvalMetric<RougeLConfig> = {
  name: 'rouge_l',
  description:
    'ROUGE-L: F-measure of the longest common token subsequence between the output and the best reference. 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: RougeLConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const candidate = wordTokens(output, config.lowercase);
    const score = Math.max(...references.map((ref) => rougeL(candidate, wordTokens(ref, config.lowercase), config.beta)));
    return thresholdResult(score, config.threshold);
  },
};
