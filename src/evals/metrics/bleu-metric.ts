// Sentence BLEU (Papineni et al. 2002) against one or more references, with smoothing for short
// sentences where a higher-order n-gram often has no match.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { ngramCounts, wordTokens } from './answer-text.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

export const BLEU_SMOOTHINGS = ['none', 'add_one', 'epsilon'] as const;
export type BleuSmoothing = (typeof BLEU_SMOOTHINGS)[number];

export interface BleuOptions {
  maxOrder?: number;
  /**
   * `add_one` (default; Lin & Och 2004, NLTK method 2): add 1 to the matches and totals of orders ≥ 2;
   * `epsilon` (NLTK method 1): 0.1 matches for an order with none; `none`: plain BLEU.
   */
  smoothing?: BleuSmoothing;
}

/** BLEU of tokenised `candidate` against tokenised `references` (closest reference length for the brevity penalty). */
export function sentenceBleu(candidate: readonly string[], references: readonly (readonly string[])[], options: BleuOptions = {}): number {
  const maxOrder = options.maxOrder ?? 4;
  const smoothing = options.smoothing ?? 'add_one';
  if (candidate.length === 0 || references.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= maxOrder; n++) {
    const counts = ngramCounts(candidate, n);
    const maxRef = new Map<string, number>();
    for (const reference of references) {
      for (const [gram, count] of ngramCounts(reference, n)) maxRef.set(gram, Math.max(maxRef.get(gram) ?? 0, count));
    }
    let matches = 0;
    for (const [gram, count] of counts) matches += Math.min(count, maxRef.get(gram) ?? 0);
    let total = Math.max(candidate.length - n + 1, 0);
    if (smoothing === 'add_one' && n > 1) {
      matches += 1;
      total += 1;
    } else if (smoothing === 'epsilon' && matches === 0 && total > 0) {
      matches = 0.1;
    }
    if (matches === 0 || total === 0) return 0;
    logSum += Math.log(matches / total) / maxOrder;
  }
  const closest = references
    .map((reference) => reference.length)
    .reduce((best, length) => {
      const d = Math.abs(length - candidate.length);
      const bestD = Math.abs(best - candidate.length);
      return d < bestD || (d === bestD && length < best) ? length : best;
    });
  const brevity = candidate.length >= closest ? 1 : Math.exp(1 - closest / candidate.length);
  return brevity * Math.exp(logSum);
}

export const BleuConfigSchema = z.object({
  maxOrder: z.number().int().min(1).max(8).default(4),
  smoothing: z.enum(BLEU_SMOOTHINGS).default('add_one'),
  lowercase: z.boolean().default(true),
  threshold: thresholdField,
});
export type BleuConfig = z.infer<typeof BleuConfigSchema>;

export const bleuMetric: EvalMetric<BleuConfig> = {
  name: 'bleu',
  description:
    'Sentence BLEU-4: geometric mean of clipped n-gram precisions (1–4) times a brevity penalty, against all references, smoothed for short texts. 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: BleuConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const score = sentenceBleu(
      wordTokens(output, config.lowercase),
      references.map((reference) => wordTokens(reference, config.lowercase)),
      config,
    );
    return thresholdResult(score, config.threshold);
  },
};
