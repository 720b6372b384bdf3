// Answer relevancy, RAGAS's ResponseRelevancy: the judge writes N questions the answer would answer,
// and the score is the mean cosine similarity of their embeddings with the item's question (the
// run's embedding model), times 0 when the judge finds the answer noncommittal.
import { z } from 'zod';
import { lastUserText } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { cosineSimilarity } from './embedding-similarity-metric.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { askJudge, judgeDetails, ragJudgeFields } from './rag-judge.js';
import { answerRelevancyTask } from './rag-rubrics.js';

export const AnswerRelevancyConfigSchema = z.strictObject({
  ...ragJudgeFields,
  /** How many questions the judge writes (RAGAS's `strictness`, default 3). */
  questions: z.number().int().min(1).max(10).default(3),
  threshold: thresholdField,
});
export type AnswerRelevancyConfig = z.infer<typeof AnswerRelevancyConfigSchema>;

const VerdictSchema = z.object({ questions: z.array(z.string().min(1)).min(1), noncommittal: z.boolean() });

export const answerRelevancyMetric: EvalMetric<AnswerRelevancyConfig> = {
  name: 'answer_relevancy',
  description:
    "Answer relevancy (RAGAS): mean cosine similarity between the item's question and questions the judge derives from the answer (run's embedding model), 0 for a noncommittal answer; negative cosines count as 0. 0..1; higher is better.",
  higherIsBetter: true,
  range: [0, 1],
  configSchema: AnswerRelevancyConfigSchema,
  async score({ item, output, services }, config) {
    const question = lastUserText(item.input);
    if (question.trim() === '') return metricError('the item has no question');
    const outcome = await askJudge(services, config, answerRelevancyTask(output, config.questions), VerdictSchema);
    if ('error' in outcome) return metricError(outcome.error, judgeDetails(outcome.answer, config.model));
    const { questions, noncommittal } = outcome.value;
    const vectors = await services.embed([question, ...questions]);
    if (vectors.length !== questions.length + 1) return metricError(`the embedding service returned ${vectors.length} vectors for ${questions.length + 1} texts`);
    const cosines = vectors.slice(1).map((vector) => cosineSimilarity(vectors[0], vector));
    const mean = cosines.reduce((sum, c) => sum + c, 0) / cosines.length;
    const score = noncommittal ? 0 : Math.max(0, Math.min(1, mean));
    return thresholdResult(score, config.threshold, { questions, noncommittal, cosines, judge: config.model });
  },
};
