// Ranked-retrieval metrics over passage ids (no judge): hit rate@k, MRR@k and nDCG@k with binary
// relevance, the definitions of trec_eval (`recip_rank`, `ndcg_cut`) and of scikit-learn's
// `ndcg_score` when every relevant id is given a gain of 1 (checked against sklearn 1.2.1).
import { z } from 'zod';
import type { DatasetItem } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, type MetricResult, thresholdResult } from './eval-metric.js';
import { rankedIds } from './rag-passages.js';

/** 1 when any of the top `k` retrieved ids is relevant. */
export function hitRate(retrieved: readonly string[], relevant: ReadonlySet<string>, k = retrieved.length): number {
  return retrieved.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

/** Reciprocal rank of the first relevant id among the top `k`; 0 when none is. */
export function reciprocalRank(retrieved: readonly string[], relevant: ReadonlySet<string>, k = retrieved.length): number {
  const rank = retrieved.slice(0, k).findIndex((id) => relevant.has(id));
  return rank === -1 ? 0 : 1 / (rank + 1);
}

/**
 * nDCG@k with binary gains: DCG = Σ_{i ≤ k} rel_i / log2(i + 1) over the retrieved ranking (a
 * repeated id counts once), divided by the DCG of the ideal ranking of all relevant ids.
 */
export function ndcgAtK(retrieved: readonly string[], relevant: ReadonlySet<string>, k = retrieved.length): number {
  if (relevant.size === 0) return 0;
  const seen = new Set<string>();
  let dcg = 0;
  retrieved.slice(0, k).forEach((id, i) => {
    if (relevant.has(id) && !seen.has(id)) dcg += 1 / Math.log2(i + 2);
    seen.add(id);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export const RetrievalConfigSchema = z.strictObject({
  /** Cut-off rank; default all retrieved passages. */
  k: z.number().int().min(1).max(1000).optional(),
  threshold: thresholdField,
});
export type RetrievalConfig = z.infer<typeof RetrievalConfigSchema>;

function scoreRanking(item: DatasetItem, config: RetrievalConfig, measure: (retrieved: string[], relevant: Set<string>, k?: number) => number): MetricResult {
  const ids = rankedIds(item);
  // Without ranked ids the metric does not apply to the item: skipped, so it is left out of the mean.
  if (ids === undefined) return { skipped: 'the item has no contexts and reference_contexts that all carry an id' };
  const k = config.k ?? ids.retrieved.length;
  return thresholdResult(measure(ids.retrieved, ids.relevant, k), config.threshold, { k, retrieved: ids.retrieved.length, relevant: ids.relevant.size });
}

function retrievalMetric(name: string, description: string, measure: (retrieved: string[], relevant: Set<string>, k?: number) => number): EvalMetric<RetrievalConfig> {
  return {
    name,
    description: `${description} Items without ids on their contexts and reference_contexts are skipped. 0..1; higher is better.`,
    higherIsBetter: true,
    range: [0, 1],
    configSchema: RetrievalConfigSchema,
    async score({ item }, config) {
      return scoreRanking(item, config, measure);
    },
  };
}

export const retrievalHitRateMetric = retrievalMetric('retrieval_hit_rate', 'Hit rate@k: 1 when a relevant passage is among the top k retrieved.', hitRate);
export const retrievalMrrMetric = retrievalMetric('retrieval_mrr', 'Reciprocal rank of the first relevant passage among the top k (its mean over items is MRR; trec_eval recip_rank).', reciprocalRank);
export const retrievalNdcgMetric = retrievalMetric('retrieval_ndcg', 'nDCG@k with binary relevance (trec_eval ndcg_cut; sklearn ndcg_score).', ndcgAtK);
