// Context recall, RAGAS's definitions: with ids on both lists, |retrieved ∩ reference| / |reference|
// (IDBasedContextRecall); otherwise the share of the reference answer's claims the judge can
// attribute to the retrieved contexts (LLMContextRecall).
import { z } from 'zod';
import { lastUserText } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { askJudge, judgeDetails } from './rag-judge.js';
import { idsOf, referencePassages, retrievedPassages } from './rag-passages.js';
import { contextRecallTask } from './rag-rubrics.js';

export const ContextRecallConfigSchema = z.strictObject({
  /** The judge for items whose passages have no ids; without one such items are errors. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  threshold: thresholdField,
});
export type ContextRecallConfig = z.infer<typeof ContextRecallConfigSchema>;

const VerdictSchema = z.object({ claims: z.array(z.object({ claim: z.string(), attributed: z.boolean() })) });

export const contextRecallMetric: EvalMetric<ContextRecallConfig> = {
  name: 'context_recall',
  description:
    "Context recall (RAGAS): share of the reference contexts retrieved (by id when every passage has one), else share of the reference answer's claims the judge attributes to the retrieved contexts. 0..1; higher is better.",
  higherIsBetter: true,
  range: [0, 1],
  configSchema: ContextRecallConfigSchema,
  async score({ item, services }, config) {
    const retrieved = retrievedPassages(item);
    if (retrieved.length === 0) return metricError('the item has no contexts');
    const references = referencePassages(item);
    const retrievedIds = idsOf(retrieved);
    const referenceIds = idsOf(references);
    if (retrievedIds !== undefined && referenceIds !== undefined && referenceIds.length > 0) {
      const relevant = new Set(referenceIds);
      const found = new Set(retrievedIds.filter((id) => relevant.has(id)));
      return thresholdResult(found.size / relevant.size, config.threshold, { method: 'ids', found: [...found], relevant: relevant.size });
    }
    const reference = item.kind === 'example' && item.reference !== undefined ? item.reference : references.map((p) => p.text).join('\n');
    if (reference.trim() === '') return metricError('the item has neither ids on its contexts nor a reference answer or reference_contexts to check against');
    if (config.model === undefined) return metricError('the passages have no ids, so context_recall needs a judge: set config.model');
    const judge = { model: config.model, temperature: config.temperature };
    const outcome = await askJudge(services, judge, contextRecallTask(lastUserText(item.input), retrieved, reference), VerdictSchema);
    if ('error' in outcome) return metricError(outcome.error, judgeDetails(outcome.answer, config.model));
    const claims = outcome.value.claims;
    if (claims.length === 0) return { skipped: 'the reference has no claim to look for', details: judgeDetails(outcome.answer, config.model) };
    const attributed = claims.filter((claim) => claim.attributed).length;
    return thresholdResult(attributed / claims.length, config.threshold, { method: 'judge', claims, attributed, judge: config.model });
  },
};
