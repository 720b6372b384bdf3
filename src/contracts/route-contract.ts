// Routes (/api/routes): the names clients call, their targets and traffic policy, retries,
// timeouts, cache, limits, bound prompt and privacy; every change kept as a revision.
import { z } from 'zod';
import { BUDGET_PERIODS, MID_STREAM_FAILOVERS, ROUTE_POLICIES, STICKY_KEYS } from '../gateway/routes/route-config.js';
import { DIFF_KINDS } from '../deployments/route-diff.js';
import { ActorRefSchema } from './common-contract.js';
import { JsonValueSchema } from './json-contract.js';
// The value lists are the domain's own, declared once there.
export { ROUTE_POLICIES, STICKY_KEYS, BUDGET_PERIODS, DIFF_KINDS };

/** Request parameters a target fixes (temperature, max_tokens…): the upstream's own knobs. */
export const ModelParamsSchema = z
  .looseObject({ temperature: z.number().optional(), top_p: z.number().optional(), max_tokens: z.number().optional(), seed: z.number().optional(), stop: z.union([z.string(), z.array(z.string())]).optional() })
  .meta({ id: 'ModelParams' });

// The service validates a route (ranges, the policy's rules, that every model resolves) with its
// own messages; the contract types each field and passes other keys on for it to refuse.
export const RouteConfigSchema = z
  .looseObject({
    name: z.string().describe('Letters, digits, dot, dash, underscore and @; no slash'),
    description: z.string().optional(),
    policy: z.enum(ROUTE_POLICIES).optional().describe('Default single'),
    targets: z.array(z.looseObject({ model: z.string().describe('provider/model or a registry model (name, name-NNN, name@alias)'), weight: z.number().optional().describe('Share under the weighted policy; default 1'), params: ModelParamsSchema.optional() })),
    sticky: z.enum(STICKY_KEYS).optional().describe('Weighted policy: the same user (or key) gets the same target'),
    failover: z
      .union([z.boolean(), z.looseObject({ fallback: z.boolean().optional(), midStream: z.enum(MID_STREAM_FAILOVERS).optional() })])
      .optional()
      .describe('true/false: whether the weighted policy falls back to the other targets on failure (default true); the object form also says what a broken text stream does: midStream continue (the next target goes on from the partial answer) or error (default)'),
    retry: z.looseObject({ maxRetries: z.number().int().optional(), baseDelayMs: z.number().int().optional(), maxDelayMs: z.number().int().optional() }).optional(),
    timeouts: z.looseObject({ attemptMs: z.number().int().optional(), totalMs: z.number().int().optional() }).optional(),
    cache: z.looseObject({ enabled: z.boolean().optional(), ttlSeconds: z.number().int().optional() }).optional(),
    limits: z.looseObject({ requestsPerMinute: z.number().int().optional(), tokensPerMinute: z.number().int().optional(), budgetUsd: z.number().optional(), budgetPeriod: z.enum(BUDGET_PERIODS).optional() }).optional(),
    prompt: z.looseObject({ name: z.string(), label: z.string().optional(), version: z.number().int().optional() }).optional().describe('A prompt the route renders; clients send only variables'),
    privacy: z.looseObject({ redactStored: z.boolean().optional(), redactUpstream: z.boolean().optional(), storeBodies: z.boolean().optional() }).optional(),
  })
  .meta({ id: 'RouteConfig' });
export type RouteConfig = z.infer<typeof RouteConfigSchema>;

export const RouteSchema = z.object({ projectId: z.string(), name: z.string(), revision: z.number(), config: RouteConfigSchema, updatedAt: z.string() }).meta({ id: 'Route' });
export const RolledBackRouteSchema = RouteSchema.extend({ rolledBackTo: z.number() }).meta({ id: 'RolledBackRoute' });

export const RouteRevisionSchema = z
  .object({ name: z.string(), revision: z.number(), config: RouteConfigSchema.nullable().describe('null: the route was deleted at this revision'), actor: ActorRefSchema, reason: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'RouteRevision' });

export const WriteRouteBodySchema = z
  .object({ config: RouteConfigSchema.extend({ name: z.string().optional().describe('PUT: defaults to the name in the path') }), reason: z.string().max(1000).optional() })
  .strict()
  .meta({ examples: [{ config: { name: 'support-bot', policy: 'weighted', targets: [{ model: 'support@production', weight: 90 }, { model: 'openai/gpt-4o-mini', weight: 10 }], retry: { maxRetries: 2 } }, reason: '10% to gpt-4o-mini' }] });

export const RouteDiffSchema = z
  .object({
    route: z.string(),
    a: z.number(),
    b: z.number(),
    // A diff entry holds whatever JSON value the config has at that path.
    changes: z.array(z.object({ path: z.string(), kind: z.enum(DIFF_KINDS), before: JsonValueSchema.optional(), after: JsonValueSchema.optional() })),
  })
  .meta({ id: 'RouteDiff' });

export const RouteNameParamsSchema = z.object({ name: z.string().min(1) });
