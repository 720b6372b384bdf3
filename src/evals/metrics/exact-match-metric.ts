// Exact match against any reference: the official SQuAD v2.0 evaluation script's `compute_exact`
// (evaluate-v2.0.py) with `normalization`, or a configurable normalisation.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { SQUAD_NORMALISATIONS, normaliseAnswer, squadGoldAnswers, squadNormalise } from './answer-text.js';
import { type EvalMetric, metricError } from './eval-metric.js';

export const ExactMatchConfigSchema = z.strictObject({
  /**
   * `squad`: the SQuAD v2.0 script's `normalize_answer` (lower case, delete ASCII punctuation, drop
   * a/an/the, collapse whitespace); `squad_unicode`: also delete Unicode punctuation (MLQA). When
   * set, the flags below are not used.
   */
  normalization: z.enum(SQUAD_NORMALISATIONS).optional(),
  caseSensitive: z.boolean().default(false),
  /** Delete ASCII punctuation (Python's `string.punctuation`). */
  stripPunctuation: z.boolean().default(false),
  removeArticles: z.boolean().default(false),
  collapseWhitespace: z.boolean().default(true),
});
export type ExactMatchConfig = z.infer<typeof ExactMatchConfigSchema>;

export const exactMatchMetric: EvalMetric<ExactMatchConfig> = {
  name: 'exact_match',
  description:
    'Whether the output equals a reference after normalisation: the SQuAD v2.0 script\'s (`normalization: "squad"`) or configurable case, whitespace, punctuation and articles. 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: ExactMatchConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const variant = config.normalization;
    const normalise = (text: string) => (variant === undefined ? normaliseAnswer(text, config) : squadNormalise(text, variant));
    const candidates = variant === undefined ? references : squadGoldAnswers(references, variant);
    const normal = normalise(output);
    const matched = candidates.find((reference) => normalise(reference) === normal);
    return { score: matched === undefined ? 0 : 1, passed: matched !== undefined };
  },
};
