// What an alert rule is: the metric it watches, the label filter, the condition, how long it must
// hold, its severity and where to notify. One zod schema is both the validator and the type.
import { z } from 'zod';

export const COMPARISON_OPERATORS = ['>', '>=', '<', '<='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** How the points of a window are reduced to one observed value. */
export const WINDOW_AGGREGATIONS = ['avg', 'sum', 'min', 'max', 'count', 'last', 'p50', 'p90', 'p95', 'p99'] as const;
export type WindowAggregation = (typeof WINDOW_AGGREGATIONS)[number];

/** Labels a series carries and a rule may filter on. */
export const alertFilterSchema = z
  .object({
    route: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
  })
  .strict();
export type AlertFilter = z.infer<typeof alertFilterSchema>;

const thresholdConditionSchema = z
  .object({ type: z.literal('threshold'), op: z.enum(COMPARISON_OPERATORS), value: z.number() })
  .strict();

/** Percent change of the current window's aggregate against the window just before it. */
const rateOfChangeConditionSchema = z
  .object({
    type: z.literal('rate_of_change'),
    op: z.enum(COMPARISON_OPERATORS),
    /** Percent, e.g. 50 means +50 %; with '<', -30 means a drop of more than 30 %. */
    percent: z.number(),
  })
  .strict();

export const BASELINE_MODES = ['stddev', 'percent'] as const;
export const BASELINE_DIRECTIONS = ['above', 'below', 'both'] as const;

/** The current window's aggregate against the per-point mean and spread of a baseline window. */
const baselineDeviationConditionSchema = z
  .object({
    type: z.literal('baseline_deviation'),
    /** Length of the baseline window, ending where the current window starts. */
    baselineWindowSeconds: z.number().int().positive(),
    mode: z.enum(BASELINE_MODES),
    /** k standard deviations (mode stddev) or a percent of the baseline mean (mode percent). */
    value: z.number().positive(),
    direction: z.enum(BASELINE_DIRECTIONS).default('above'),
  })
  .strict();

export const alertConditionSchema = z.discriminatedUnion('type', [thresholdConditionSchema, rateOfChangeConditionSchema, baselineDeviationConditionSchema]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const alertRuleSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** Metric name, e.g. `latency_ms`, `error_rate`, `cost_usd`, `ttft_ms`. */
    metric: z.string().min(1),
    filter: alertFilterSchema.default({}),
    condition: alertConditionSchema,
    aggregation: z.enum(WINDOW_AGGREGATIONS).default('avg'),
    windowSeconds: z.number().int().positive(),
    /** How long the condition must hold before the alert fires (0 fires at once). */
    forSeconds: z.number().int().nonnegative().default(0),
    severity: z.enum(ALERT_SEVERITIES),
    channels: z.array(z.string().min(1)).default([]),
    /** Fewer points than this in the window means "no data": the condition does not hold. */
    minPoints: z.number().int().positive().default(1),
    enabled: z.boolean().default(true),
  })
  .strict();

/** A validated alert rule (defaults applied). */
export type AlertRule = z.infer<typeof alertRuleSchema>;
/** An alert rule as a user writes it (defaults optional). */
export type AlertRuleInput = z.input<typeof alertRuleSchema>;

/** Validates a rule, throwing zod's error; see {@link parseAlertRule} for a StewardError. */
export function defineAlertRule(input: AlertRuleInput): AlertRule {
  return alertRuleSchema.parse(input);
}
