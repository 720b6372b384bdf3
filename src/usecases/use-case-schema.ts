// A use case: the scope a project's generative work answers to — its objective, owners, and the KPIs
// that define success (metric, comparison, threshold), linked to the routes, models, datasets and
// gates that serve it. Declared once here; the API, `steward apply` and the config file use it.
import { z } from 'zod';

/**
 * KPIs read from live traffic (metric roll-ups of the linked routes); on an evaluation run the
 * latency, cost and error KPIs also have an offline value. Any other metric name is an evaluation
 * metric of the run (`exact_match`, `rouge_l`, a judge…), read offline only.
 */
export const LIVE_KPI_METRICS = ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'latency_avg_ms', 'error_rate', 'cost_per_request_usd', 'feedback_score', 'cache_hit_rate'] as const;
export type LiveKpiMetric = (typeof LIVE_KPI_METRICS)[number];

export function isLiveKpiMetric(metric: string): metric is LiveKpiMetric {
  return (LIVE_KPI_METRICS as readonly string[]).includes(metric);
}

export const KPI_OPERATORS = ['>=', '<='] as const;
export type KpiOperator = (typeof KPI_OPERATORS)[number];

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export const KpiSchema = z
  .object({
    name: z.string().regex(NAME, 'letters, digits, dot, dash, underscore'),
    /** A live metric (see LIVE_KPI_METRICS) or an evaluation metric name. */
    metric: z.string().regex(NAME, 'letters, digits, dot, dash, underscore'),
    op: z.enum(KPI_OPERATORS),
    threshold: z.number().finite(),
    /** The golden dataset its offline value comes from (default: the use case's first dataset). */
    dataset: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
  })
  .strict();
export type Kpi = z.infer<typeof KpiSchema>;

const names = z.array(z.string().min(1).max(300)).max(100);

export const UseCaseSchema = z
  .object({
    name: z.string().regex(NAME, 'letters, digits, dot, dash, underscore'),
    objective: z.string().min(1).max(4000),
    owners: z.array(z.string().min(1).max(200)).max(50).default([]),
    kpis: z.array(KpiSchema).max(50).default([]),
    routes: names.default([]),
    models: names.default([]),
    datasets: names.default([]),
    gates: names.default([]),
  })
  .strict()
  .superRefine((u, ctx) => {
    const seen = new Set<string>();
    u.kpis.forEach((k, i) => {
      if (seen.has(k.name)) ctx.addIssue({ code: 'custom', path: ['kpis', i, 'name'], message: `KPI ${k.name} is declared twice` });
      seen.add(k.name);
      if (!isLiveKpiMetric(k.metric) && !k.dataset && u.datasets.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['kpis', i, 'dataset'], message: `${k.metric} is an evaluation metric: name its dataset, or link the use case to one` });
      }
    });
  });
/** A use case with defaults applied. */
export type UseCase = z.infer<typeof UseCaseSchema>;
/** A use case as a user writes it. */
export type UseCaseInput = z.input<typeof UseCaseSchema>;
