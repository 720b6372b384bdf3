// Levenshtein similarity: 1 − edit distance / length of the longer text.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

/** Levenshtein distance in UTF-16 code units, O(n·m) time, O(min(n, m)) memory. */
export function levenshtein(a: string, b: string): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  let previous = new Uint32Array(short.length + 1);
  let current = new Uint32Array(short.length + 1);
  for (let j = 0; j <= short.length; j++) previous[j] = j;
  for (let i = 1; i <= long.length; i++) {
    current[0] = i;
    const char = long.charCodeAt(i - 1);
    for (let j = 1; j <= short.length; j++) {
      const substitution = previous[j - 1] + (char === short.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length];
}

/** 1 − distance / max length; 1 for two empty texts. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

export const EditDistanceConfigSchema = z.object({
  caseSensitive: z.boolean().default(false),
  /** Longer texts are cut to this many characters first, bounding the quadratic cost. */
  maxLength: z.number().int().positive().default(5000),
  threshold: thresholdField,
});
export type EditDistanceConfig = z.infer<typeof EditDistanceConfigSchema>;

export const editDistanceMetric: EvalMetric<EditDistanceConfig> = {
  name: 'edit_distance',
  description:
    'Normalised Levenshtein similarity to the closest reference: 1 − edits / length of the longer text (trimmed, optionally case-insensitive). 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: EditDistanceConfigSchema,
  async score({ item, output }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const prepare = (text: string): string => {
      const trimmed = text.trim().slice(0, config.maxLength);
      return config.caseSensitive ? trimmed : trimmed.toLowerCase();
    };
    const candidate = prepare(output);
    const scores = references.map((reference) => levenshteinSimilarity(candidate, prepare(reference)));
    return thresholdResult(Math.max(...scores), config.threshold);
  },
};
