// SQuAD-style token F1 between the output and the best-matching reference.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { squadTokens } from './answer-text.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

/** Token F1 of two texts after SQuAD normalisation; 1 when both are empty. */
export function tokenF1(prediction: string, reference: string): number {
  const predicted = squadTokens(prediction);
  const expected = squadTokens(reference);
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

export const TokenF1ConfigSchema = z.object({ threshold: thresholdField });
export type TokenF1Config = z.infer<typeof TokenF1ConfigSchema>;

export const tokenF1Metric: EvalMetric<TokenF1Config> = {
  name: 'token_f1',
  description:
    'Harmonic mean of token precision and recall against the best reference, after SQuAD normalisation (lower case, no punctuation or articles). 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: TokenF1ConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    return thresholdResult(Math.max(...references.map((reference) => tokenF1(output, reference))), config.threshold);
  },
};
