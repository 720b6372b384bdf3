// Efficiency: latency, tokens and cost of the call that produced the output, against budgets.
import { z } from 'zod';
import { type EvalMetric, metricError } from './eval-metric.js';

export const EfficiencyConfigSchema = z
  .object({
    maxLatencyMs: z.number().positive().optional(),
    maxTotalTokens: z.number().int().positive().optional(),
    maxCompletionTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'set at least one budget (maxLatencyMs, maxTotalTokens, maxCompletionTokens or maxCostUsd)');
export type EfficiencyConfig = z.infer<typeof EfficiencyConfigSchema>;

export const efficiencyMetric: EvalMetric<EfficiencyConfig> = {
  name: 'efficiency',
  description:
    'Share of the configured budgets (latency, total tokens, completion tokens, cost) the call stayed within; details report the measured values. 0..1; higher is better; passes only within every budget.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: EfficiencyConfigSchema,
  async score({ latencyMs, usage, costUsd }, config) {
    const checks: [string, number | undefined, number | undefined][] = [
      ['latencyMs', latencyMs, config.maxLatencyMs],
      ['totalTokens', usage?.total_tokens, config.maxTotalTokens],
      ['completionTokens', usage?.completion_tokens, config.maxCompletionTokens],
      ['costUsd', costUsd, config.maxCostUsd],
    ];
    const details: Record<string, unknown> = {};
    const over: string[] = [];
    let budgets = 0;
    for (const [name, value, budget] of checks) {
      if (value !== undefined) details[name] = value;
      if (budget === undefined) continue;
      if (value === undefined) return metricError(`${name} was not recorded for this item`, details);
      budgets++;
      if (value > budget) over.push(name);
    }
    details.overBudget = over;
    return { score: (budgets - over.length) / budgets, passed: over.length === 0, details };
  },
};
