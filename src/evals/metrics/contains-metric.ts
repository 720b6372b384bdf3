// Whether the output contains given strings (or the reference), one of them or all of them.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { type EvalMetric, metricError } from './eval-metric.js';

/** `any`: one of the values is in the output; `all`: every one is. */
export const CONTAINS_MODES = ['any', 'all'] as const;

export const ContainsConfigSchema = z.object({
  /** Strings to look for; the item's references when absent. */
  values: z.array(z.string().min(1)).min(1).optional(),
  mode: z.enum(CONTAINS_MODES).default('any'),
  caseSensitive: z.boolean().default(false),
});
export type ContainsConfig = z.infer<typeof ContainsConfigSchema>;

export const containsMetric: EvalMetric<ContainsConfig> = {
  name: 'contains',
  description:
    'Whether the output contains the configured strings (or the reference). mode "any": 1 if one is found, else 0; mode "all": the share found, passing only when all are. 0..1; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: ContainsConfigSchema,
  async score({ item, output }, config) {
    const values = config.values ?? referencesOf(item);
    if (values.length === 0) return metricError('no values configured and the item has no reference');
    const haystack = config.caseSensitive ? output : output.toLowerCase();
    const found = values.filter((value) => haystack.includes(config.caseSensitive ? value : value.toLowerCase()));
    const missing = values.filter((value) => !found.includes(value));
    if (config.mode === 'any') return { score: found.length > 0 ? 1 : 0, passed: found.length > 0, details: { found } };
    return { score: found.length / values.length, passed: missing.length === 0, details: { found, missing } };
  },
};
