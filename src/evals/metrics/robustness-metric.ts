// Robustness: the model under test answers perturbed versions of the input (typos, casing,
// whitespace, synonyms); each answer is scored as the clean one was. Reports the robust score and the drop.
import { z } from 'zod';
import { type ExampleItem, mapUserText, targetText } from '../../datasets/dataset-item.js';
import { PERTURBATION_KINDS, perturbText } from '../../datasets/augmentation/index.js';
import { type EvalMetric, type MetricResult, metricError } from './eval-metric.js';
import { baseMetricFields, checkBaseConfig, scoreWithReferenceMetric } from './reference-metrics.js';

export const ROBUSTNESS_COMPARISONS = ['auto', 'reference', 'clean_output'] as const;

export const RobustnessConfigSchema = z
  .object({
    perturbations: z.array(z.enum(PERTURBATION_KINDS)).min(1).default([...PERTURBATION_KINDS]),
    /** Share of eligible words each perturbation touches. */
    rate: z.number().gt(0).max(1).default(0.15),
    seed: z.union([z.number().int(), z.string()]).default(0),
    ...baseMetricFields,
    /**
     * What perturbed answers are scored against: the item's `reference`, the model's own `clean_output`,
     * or `auto` (the reference when there is one).
     */
    compareTo: z.enum(ROBUSTNESS_COMPARISONS).default('auto'),
    /** The item passes when the drop from the clean score is at most this. */
    maxDrop: z.number().min(0).max(1).optional(),
  })
  .superRefine(checkBaseConfig);
export type RobustnessConfig = z.infer<typeof RobustnessConfigSchema>;

export const robustnessMetric: EvalMetric<RobustnessConfig> = {
  name: 'robustness',
  description:
    'Mean score of the model\'s answers to perturbed inputs (typos, casing, whitespace, synonyms), each scored with a base metric against the reference or the clean answer; details give the clean score, the drop and each perturbation\'s score. 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: RobustnessConfigSchema,
  async score(context, config) {
    const { item, output, services } = context;
    const reference = targetText(item);
    const useReference = config.compareTo === 'reference' || (config.compareTo === 'auto' && reference !== undefined);
    if (config.compareTo === 'reference' && reference === undefined) return metricError('the item has no reference');
    const target: ExampleItem = {
      kind: 'example',
      input: item.input,
      reference: useReference ? reference : output,
      metadata: item.metadata,
    };
    const score = (answer: string): Promise<MetricResult> =>
      scoreWithReferenceMetric(config.baseMetric, config.baseConfig, { ...context, item: target, output: answer });

    let clean = 1;
    if (useReference) {
      const cleanResult = await score(output);
      if (cleanResult.score === undefined) return metricError(`base metric on the clean answer: ${cleanResult.error ?? cleanResult.skipped}`);
      clean = cleanResult.score;
    }
    const perturbed: Record<string, number> = {};
    const answers: Record<string, string> = {};
    for (const kind of config.perturbations) {
      const input = mapUserText(item.input, (text) => perturbText(text, kind, { seed: config.seed, rate: config.rate }));
      const generated = await services.generate(input);
      const result = await score(generated.output);
      if (result.score === undefined) return metricError(`base metric on the ${kind} answer: ${result.error ?? result.skipped}`);
      perturbed[kind] = result.score;
      answers[kind] = generated.output.slice(0, 500);
    }
    const values = Object.values(perturbed);
    const robust = values.reduce((sum, value) => sum + value, 0) / values.length;
    const drop = clean - robust;
    const details = {
      baseMetric: config.baseMetric,
      comparedTo: useReference ? 'reference' : 'clean_output',
      clean,
      drop,
      worst: Math.min(...values),
      perturbed,
      answers,
    };
    return config.maxDrop === undefined ? { score: robust, details } : { score: robust, passed: drop <= config.maxDrop, details };
  },
};
