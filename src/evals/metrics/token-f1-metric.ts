// Token F1 of the official SQuAD v2.0 evaluation script (evaluate-v2.0.py, `compute_f1`), best
// over the references, with an optional Unicode-aware normalisation.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { SQUAD_NORMALISATIONS, type SquadNormalisation, squadGoldAnswers, squadTokens } from './answer-text.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

/**
 * `compute_f1(reference, prediction)` of the SQuAD v2.0 script: F1 of the bags of normalised
 * tokens; when either side has no token, 1 if both have none, else 0 (a right no-answer scores 1).
 */
export function tokenF1(prediction: string, reference: string, variant: SquadNormalisation = 'squad'): number {
  const predicted = squadTokens(prediction, variant);
  const expected = squadTokens(reference, variant);
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common++;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

export const TokenF1ConfigSchema = z.strictObject({
  /**
   * `squad` (default): the SQuAD v2.0 script's `normalize_answer` (lower case, delete ASCII
   * punctuation, drop a/an/the, collapse whitespace); `squad_unicode`: also delete every Unicode
   * punctuation character (MLQA's normaliser), for answers with «», —, ’ and the like.
   */
  normalization: z.enum(SQUAD_NORMALISATIONS).default('squad'),
  threshold: thresholdField,
});
export type TokenF1Config = z.infer<typeof TokenF1ConfigSchema>;

export const tokenF1Metric: EvalMetric<TokenF1Config> = {
  name: 'token_f1',
  description:
    'Token F1 of the official SQuAD v2.0 evaluation script (evaluate-v2.0.py): harmonic mean of token precision and recall against the best reference after its normalisation (lower case, ASCII punctuation deleted, articles dropped). 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: TokenF1ConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const gold = squadGoldAnswers(references, config.normalization);
    return thresholdResult(Math.max(...gold.map((reference) => tokenF1(output, reference, config.normalization))), config.threshold);
  },
};
