// Semantic similarity: cosine of the embeddings of the output and the references.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';

/** Cosine similarity of two vectors; 0 when either is all zeros. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length: ${a.length} and ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export const EmbeddingSimilarityConfigSchema = z.object({ threshold: thresholdField });
export type EmbeddingSimilarityConfig = z.infer<typeof EmbeddingSimilarityConfigSchema>;

export const embeddingSimilarityMetric: EvalMetric<EmbeddingSimilarityConfig> = {
  name: 'embedding_similarity',
  description:
    'Cosine similarity between the embeddings of the output and the closest reference (negative cosines count as 0). 0..1; higher is better. Uses the run\'s embedding model.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: EmbeddingSimilarityConfigSchema,
  async score({ item, output, services }, config) {
    const references = referencesOf(item);
    if (references.length === 0) return metricError('the item has no reference');
    const vectors = await services.embed([output, ...references]);
    if (vectors.length !== references.length + 1) {
      return metricError(`the embedding service returned ${vectors.length} vectors for ${references.length + 1} texts`);
    }
    const cosines = vectors.slice(1).map((vector) => cosineSimilarity(vectors[0], vector));
    const best = Math.max(...cosines);
    return thresholdResult(Math.max(0, Math.min(1, best)), config.threshold, { cosine: best });
  },
};
