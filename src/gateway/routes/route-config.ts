// A route: the name clients call (`model: "support-bot"`), its targets and the policy choosing among
// them, with retries, timeouts, cache, limits and privacy settings. Validated with zod; stored as JSON.
import { z } from 'zod';

export const ROUTE_POLICIES = ['single', 'weighted', 'fallback'] as const;
export type RoutePolicy = (typeof ROUTE_POLICIES)[number];

export const STICKY_KEYS = ['none', 'user', 'key'] as const;
export type StickyKey = (typeof STICKY_KEYS)[number];

export const BUDGET_PERIODS = ['hour', 'day', 'week', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** What a stream that breaks after some text does: `continue` on the next target with the text so far, or `error`. */
export const MID_STREAM_FAILOVERS = ['continue', 'error'] as const;
export type MidStreamFailover = (typeof MID_STREAM_FAILOVERS)[number];

export const ROUTE_NAME_PATTERN = /^[a-z0-9][a-z0-9._@-]*$/i;

export const RouteTargetSchema = z
  .object({
    /** `provider/model` or a registry model name. */
    model: z.string().min(1).max(300),
    /** Share of traffic under the weighted policy. */
    weight: z.number().min(0).max(1_000_000).default(1),
    /** Request parameters this target fixes (the request's own win). */
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type RouteTarget = z.infer<typeof RouteTargetSchema>;

export const RouteLimitsSchema = z
  .object({
    requestsPerMinute: z.number().int().positive().optional(),
    tokensPerMinute: z.number().int().positive().optional(),
    budgetUsd: z.number().positive().optional(),
    budgetPeriod: z.enum(BUDGET_PERIODS).default('month'),
  })
  .strict();
export type RouteLimits = z.infer<typeof RouteLimitsSchema>;

export const RouteConfigSchema = z
  .object({
    name: z.string().min(1).max(100).regex(ROUTE_NAME_PATTERN, 'letters, digits, dot, dash, underscore and @; no slash'),
    description: z.string().max(1000).optional(),
    policy: z.enum(ROUTE_POLICIES).default('single'),
    targets: z.array(RouteTargetSchema).min(1).max(20),
    /** Weighted policy: assign a user (or key) to the same target every time. */
    sticky: z.enum(STICKY_KEYS).default('none'),
    /**
     * `true`/`false`: whether the weighted policy falls back to the other targets when the chosen one
     * fails. The object form also says what a broken text stream does (`midStream`, default `error`).
     */
    failover: z
      .union([
        z.boolean(),
        z.object({ fallback: z.boolean().default(true), midStream: z.enum(MID_STREAM_FAILOVERS).default('error') }).strict(),
      ])
      .default(true),
    retry: z
      .object({
        maxRetries: z.number().int().min(0).max(10).default(2),
        baseDelayMs: z.number().int().min(0).max(60_000).default(100),
        maxDelayMs: z.number().int().min(0).max(120_000).default(2_000),
      })
      .strict()
      .prefault({}),
    timeouts: z
      .object({
        attemptMs: z.number().int().positive().max(3_600_000).optional(),
        totalMs: z.number().int().positive().max(3_600_000).optional(),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({ enabled: z.boolean().default(false), ttlSeconds: z.number().int().positive().max(30 * 86_400).default(300) })
      .strict()
      .prefault({}),
    limits: RouteLimitsSchema.prefault({}),
    /** A prompt the route renders: clients send only `variables` (or `metadata`); traces record the prompt version. */
    prompt: z
      .object({ name: z.string().min(1).max(100), label: z.string().min(1).max(63).optional(), version: z.number().int().positive().optional() })
      .strict()
      .optional(),
    privacy: z
      .object({
        /** Redact personal data in the bodies stored on traces. */
        redactStored: z.boolean().default(false),
        /** Redact personal data in the messages sent upstream. */
        redactUpstream: z.boolean().default(false),
        /** Store request and response bodies on traces. */
        storeBodies: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((route, ctx) => {
    if (route.policy === 'single' && route.targets.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'the single policy takes exactly one target' });
    }
    if (route.policy === 'weighted' && !route.targets.some((t) => t.weight > 0)) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'the weighted policy needs a target with a weight above 0' });
    }
  });

/** Whether the weighted policy falls back to the other targets. */
export function fallsBack(route: Pick<RouteConfig, 'failover'>): boolean {
  return typeof route.failover === 'boolean' ? route.failover : route.failover.fallback;
}

/** The route's mid-stream failover (`error` unless it opts in). */
export function midStreamFailover(route: Pick<RouteConfig, 'failover'>): MidStreamFailover {
  return typeof route.failover === 'boolean' ? 'error' : route.failover.midStream;
}

/** A validated route with defaults applied. */
export type RouteConfig = z.infer<typeof RouteConfigSchema>;
/** A route as a user writes it. */
export type RouteConfigInput = z.input<typeof RouteConfigSchema>;
