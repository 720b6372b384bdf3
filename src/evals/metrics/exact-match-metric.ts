// Exact match against any reference, after configurable normalisation.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { normaliseAnswer } from './answer-text.js';
import { type EvalMetric, metricError } from './eval-metric.js';

export const ExactMatchConfigSchema = z.object({
  caseSensitive: z.boolean().default(false),
  stripPunctuation: z.boolean().default(false),
  removeArticles: z.boolean().default(false),
  collapseWhitespace: z.boolean().default(true),
});
export type ExactMatchConfig = z.infer<typeof ExactMatchConfigSchema>;

export const exactMatchMetric: EvalMetric<ExactMatchConfig> = {
  name: 'exact_match',
  description:
    'Whether the output equals a reference after normalisation (case, whitespace, optionally punctuation and articles). 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: ExactMatchConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const normal = normaliseAnswer(output, config);
    const matched = references.find((reference) => normaliseAnswer(reference, config) === normal);
    return { score: matched === undefined ? 0 : 1, passed: matched !== undefined };
  },
};
