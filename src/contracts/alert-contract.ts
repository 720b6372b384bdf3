// Alerting (/api/alerts): rules on roll-up metrics, notification channels, silences, and the
// event history of transitions and deliveries.
import { z } from 'zod';
import { ALERT_SEVERITIES, BASELINE_DIRECTIONS, BASELINE_MODES, COMPARISON_OPERATORS, WINDOW_AGGREGATIONS } from '../monitoring/alerts/alert-rule.js';
import { ALERT_CHANNEL_KINDS } from '../monitoring/channels/alert-channel.js';
import { MATCHER_OPERATORS } from '../monitoring/alerts/silence.js';
import { ALERT_STATUSES } from '../monitoring/alerts/alert-state.js';
// The value lists are the domain's own, declared once there.
export { COMPARISON_OPERATORS, ALERT_SEVERITIES, WINDOW_AGGREGATIONS, ALERT_CHANNEL_KINDS, MATCHER_OPERATORS, ALERT_STATUSES };

export const AlertFilterSchema = z
  .object({ route: z.string().min(1).optional(), model: z.string().min(1).optional(), key: z.string().min(1).optional(), project: z.string().min(1).optional() })
  .strict()
  .describe('Labels a series must carry');

export const AlertConditionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('threshold'), op: z.enum(COMPARISON_OPERATORS), value: z.number() }).strict(),
    z.object({ type: z.literal('rate_of_change'), op: z.enum(COMPARISON_OPERATORS), percent: z.number().describe('Percent change against the previous window, e.g. 50 or -30') }).strict(),
    z
      .object({
        type: z.literal('baseline_deviation'),
        baselineWindowSeconds: z.number().int().positive(),
        mode: z.enum(BASELINE_MODES),
        value: z.number().positive().describe('k standard deviations, or a percent of the baseline mean'),
        direction: z.enum(BASELINE_DIRECTIONS).optional().describe('Default above'),
      })
      .strict(),
  ])
  .describe('When the window’s aggregate breaches');

/** The fields of a rule a user writes; the server fills the defaults named in each description. */
const alertRuleFields = {
  name: z.string().min(1),
  metric: z.string().min(1).describe('A roll-up metric such as latency_ms, error_rate, cost_usd, ttft_ms, or a recorded one (drift statistics)'),
  filter: AlertFilterSchema.optional().describe('Default {}'),
  condition: AlertConditionSchema,
  aggregation: z.enum(WINDOW_AGGREGATIONS).optional().describe('Default avg'),
  windowSeconds: z.number().int().positive(),
  forSeconds: z.number().int().nonnegative().optional().describe('How long the condition must hold before firing; default 0'),
  severity: z.enum(ALERT_SEVERITIES),
  channels: z.array(z.string().min(1)).optional().describe('Channel names; default none'),
  minPoints: z.number().int().positive().optional().describe('Fewer points in the window means no data; default 1'),
  enabled: z.boolean().optional().describe('Default true'),
};

export const AlertRuleBodySchema = z
  .object({ ...alertRuleFields, id: z.string().optional().describe('Ignored: the server assigns the id') })
  .strict()
  .meta({ examples: [{ name: 'slow-support', metric: 'latency_p95', filter: { route: 'support-bot' }, condition: { type: 'threshold', op: '>', value: 2000 }, windowSeconds: 300, forSeconds: 120, severity: 'warning', channels: ['oncall'] }] });
export type AlertRuleBody = z.infer<typeof AlertRuleBodySchema>;

export const AlertRuleSchema = z
  .object({
    id: z.string(),
    ...alertRuleFields,
    filter: AlertFilterSchema,
    aggregation: z.enum(WINDOW_AGGREGATIONS),
    forSeconds: z.number(),
    channels: z.array(z.string()),
    minPoints: z.number(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.string().optional().describe('inactive, pending, firing or resolved'),
  })
  .meta({ id: 'AlertRule' });
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertChannelSchema = z
  .object({ id: z.string(), name: z.string(), kind: z.string(), url: z.string().nullable().describe('Scheme and host only; the full URL is sealed'), signed: z.boolean(), createdAt: z.string() })
  .meta({ id: 'AlertChannel' });

export const CreateAlertChannelBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    kind: z.enum(ALERT_CHANNEL_KINDS),
    url: z.string().optional(),
    secret: z.string().min(16, 'a signing secret needs at least 16 characters').optional(),
  })
  .strict();

export const SilenceMatcherSchema = z.object({ name: z.string().min(1), op: z.enum(MATCHER_OPERATORS).default('='), value: z.string() });

export const SilenceSchema = z
  .object({ id: z.string(), matchers: z.array(SilenceMatcherSchema), startsAt: z.string(), endsAt: z.string(), comment: z.string(), createdBy: z.string(), active: z.boolean() })
  .meta({ id: 'Silence' });

const isoOrMs = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]).describe('Epoch milliseconds or ISO 8601');

export const CreateSilenceBodySchema = z
  .object({ matchers: z.array(SilenceMatcherSchema).min(1), startsAt: isoOrMs.optional(), endsAt: isoOrMs, comment: z.string().max(1000).optional() })
  .strict();

export const SilenceQuerySchema = z.object({ all: z.stringbool().default(false) });

/** What an event adds: the previous state for a transition, the channel and attempts for a delivery. */
export const AlertEventDataSchema = z.object({
  from: z.string().optional().describe('Transitions: the state before'),
  ruleName: z.string().optional(),
  channel: z.string().optional().describe('Deliveries: the channel name'),
  attempts: z.number().optional(),
  status: z.string().optional().describe('Deliveries: firing or resolved'),
  reason: z.string().optional(),
  error: z.string().optional(),
});

export const AlertEventSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    fingerprint: z.string(),
    at: z.string(),
    kind: z.string().describe('pending, firing, resolved, inactive, delivered or delivery_failed'),
    severity: z.string(),
    observed: z.number().nullable(),
    description: z.string(),
    silencedBy: z.string().nullable(),
    data: AlertEventDataSchema.nullable(),
  })
  .meta({ id: 'AlertEvent' });
export type AlertEvent = z.infer<typeof AlertEventSchema>;

export const AlertEventQuerySchema = z.object({ ruleId: z.string().optional(), kind: z.string().optional(), cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export const AlertEvaluationSchema = z.object({ evaluated: z.number(), notifications: z.number() });
