// Faithfulness (groundedness), RAGAS's definition: the share of the answer's claims that can be
// inferred from the retrieved contexts, |supported claims| / |claims|, claims and verdicts from
// the judge model (rubric in rag-rubrics.ts).
import { z } from 'zod';
import { lastUserText } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { askJudge, judgeDetails, ragJudgeFields } from './rag-judge.js';
import { retrievedPassages } from './rag-passages.js';
import { faithfulnessTask } from './rag-rubrics.js';

export const FaithfulnessConfigSchema = z.strictObject({ ...ragJudgeFields, threshold: thresholdField });
export type FaithfulnessConfig = z.infer<typeof FaithfulnessConfigSchema>;

const VerdictSchema = z.object({ claims: z.array(z.object({ claim: z.string(), supported: z.boolean() })) });

export const faithfulnessMetric: EvalMetric<FaithfulnessConfig> = {
  name: 'faithfulness',
  description:
    "Faithfulness / groundedness (RAGAS): share of the answer's claims the judge finds supported by the item's retrieved contexts. 0..1; higher is better. An answer with no claim is skipped; an unreadable verdict is an error.",
  higherIsBetter: true,
  range: [0, 1],
  configSchema: FaithfulnessConfigSchema,
  async score({ item, output, services }, config) {
    const contexts = retrievedPassages(item);
    if (contexts.length === 0) return metricError('the item has no contexts');
    const outcome = await askJudge(services, config, faithfulnessTask(lastUserText(item.input), contexts, output), VerdictSchema);
    if ('error' in outcome) return metricError(outcome.error, judgeDetails(outcome.answer, config.model));
    const claims = outcome.value.claims;
    if (claims.length === 0) return { skipped: 'the answer makes no claim to check', details: judgeDetails(outcome.answer, config.model) };
    const supported = claims.filter((claim) => claim.supported).length;
    return thresholdResult(supported / claims.length, config.threshold, { claims, supported, judge: config.model });
  },
};
