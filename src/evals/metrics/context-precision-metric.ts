// Context precision, RAGAS's definitions: with ids on both lists, the share of retrieved ids that
// are reference ids (IDBasedContextPrecision); otherwise the rank-weighted precision
// Σₖ (precision@k · vₖ) / Σₖ vₖ, with vₖ the judge's verdict that context k was useful for the
// reference answer, or for the answer when the item has none (LLMContextPrecisionWith/WithoutReference).
import { z } from 'zod';
import { lastUserText } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { askJudge, judgeDetails } from './rag-judge.js';
import { idsOf, referencePassages, retrievedPassages } from './rag-passages.js';
import { contextPrecisionTask } from './rag-rubrics.js';

/** Σₖ precision@k · vₖ / Σₖ vₖ over a ranked list of relevance verdicts; 0 when nothing is relevant. */
export function rankWeightedPrecision(verdicts: readonly boolean[]): number {
  let relevant = 0;
  let sum = 0;
  verdicts.forEach((useful, k) => {
    if (useful) {
      relevant++;
      sum += relevant / (k + 1);
    }
  });
  return relevant === 0 ? 0 : sum / relevant;
}

export const ContextPrecisionConfigSchema = z.strictObject({
  /** The judge for items whose passages have no ids; without one such items are errors. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  threshold: thresholdField,
});
export type ContextPrecisionConfig = z.infer<typeof ContextPrecisionConfigSchema>;

const VerdictSchema = z.object({ verdicts: z.array(z.object({ context: z.number().int(), useful: z.boolean() })) });

export const contextPrecisionMetric: EvalMetric<ContextPrecisionConfig> = {
  name: 'context_precision',
  description:
    'Context precision (RAGAS): share of retrieved passages that are reference passages (by id when every passage has one), else the rank-weighted precision of the passages the judge finds useful for the reference answer. 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: ContextPrecisionConfigSchema,
  async score({ item, output, services }, config) {
    const retrieved = retrievedPassages(item);
    if (retrieved.length === 0) return metricError('the item has no contexts');
    const retrievedIds = idsOf(retrieved);
    const referenceIds = idsOf(referencePassages(item));
    if (retrievedIds !== undefined && referenceIds !== undefined && referenceIds.length > 0) {
      const relevant = new Set(referenceIds);
      const unique = [...new Set(retrievedIds)];
      const hits = unique.filter((id) => relevant.has(id));
      return thresholdResult(hits.length / unique.length, config.threshold, {
        method: 'ids',
        hits,
        retrieved: unique.length,
        rankWeighted: rankWeightedPrecision(retrievedIds.map((id) => relevant.has(id))),
      });
    }
    if (config.model === undefined) return metricError('the passages have no ids, so context_precision needs a judge: set config.model');
    const hasReference = item.kind === 'example' && item.reference !== undefined && item.reference.trim() !== '';
    const answer = hasReference && item.kind === 'example' ? (item.reference ?? '') : output;
    const judge = { model: config.model, temperature: config.temperature };
    const outcome = await askJudge(services, judge, contextPrecisionTask(lastUserText(item.input), retrieved, answer, hasReference), VerdictSchema);
    if ('error' in outcome) return metricError(outcome.error, judgeDetails(outcome.answer, config.model));
    const verdicts = outcome.value.verdicts;
    const inOrder = verdicts.length === retrieved.length && verdicts.every((v, i) => v.context === i + 1);
    if (!inOrder) {
      return metricError(`the judge gave ${verdicts.length} verdicts for ${retrieved.length} contexts, not one per context in order`, judgeDetails(outcome.answer, config.model));
    }
    const useful = verdicts.map((v) => v.useful);
    return thresholdResult(rankWeightedPrecision(useful), config.threshold, { method: 'judge', useful, against: hasReference ? 'reference' : 'answer', judge: config.model });
  },
};
