// The gateway's settings (the `gateway:` section of steward.yaml), with defaults fit for one machine.
import { z } from 'zod';
import { RouteLimitsSchema } from './routes/route-config.js';

export const GatewaySettingsSchema = z
  .object({
    /** Calls in flight per target, and how many more may wait before 429. */
    concurrency: z
      .object({ perTarget: z.number().int().positive().default(256), maxQueue: z.number().int().min(0).default(1024) })
      .strict()
      .prefault({}),
    circuitBreaker: z
      .object({ failureThreshold: z.number().int().positive().default(5), openMs: z.number().int().positive().default(30_000) })
      .strict()
      .prefault({}),
    /** Retries of calls that name a provider model directly (routes carry their own). */
    retry: z
      .object({
        maxRetries: z.number().int().min(0).max(10).default(2),
        baseDelayMs: z.number().int().min(0).default(100),
        maxDelayMs: z.number().int().min(0).default(2_000),
      })
      .strict()
      .prefault({}),
    timeouts: z
      .object({ attemptMs: z.number().int().positive().default(120_000), totalMs: z.number().int().positive().default(300_000) })
      .strict()
      .prefault({}),
    /** Keep-alive connection pools to upstreams (undici), per origin. */
    upstream: z
      .object({
        connectionsPerOrigin: z.number().int().positive().default(256),
        keepAliveTimeoutMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    cache: z.object({ maxEntries: z.number().int().positive().default(10_000) }).strict().prefault({}),
    traces: z
      .object({
        flushMs: z.number().int().positive().default(200),
        batchSize: z.number().int().positive().default(200),
        maxBodyChars: z.number().int().positive().default(200_000),
        /** Store request and response bodies of calls without a route (routes decide for themselves). */
        storeBodies: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** Limits of every key without its own. */
    keyLimits: RouteLimitsSchema.prefault({}),
    /** How admission reserves a call's worst case, and whether cached answers count against budgets. */
    limits: z
      .object({
        maxOutputTokens: z.number().int().positive().default(4_096).describe('output tokens reserved for a request without max_tokens'),
        cachedHits: z.enum(['free', 'priced']).default('free'),
        reservationTtlMs: z.number().int().positive().default(600_000).describe('an unsettled reservation is released after this long'),
      })
      .strict()
      .prefault({}),
    /** Secret for user pseudonyms; derived from the master key when absent. */
    pseudonymKey: z.string().min(16).optional(),
    /** The builtin provider (`builtin/<model>`): models are the sub-folders of these directories. */
    builtin: z
      .object({ enabled: z.boolean().default(true), modelDirs: z.array(z.string().min(1)).optional().describe('default: the repository models/ and <dataDir>/models') })
      .strict()
      .prefault({}),
    batch: z
      .object({ concurrency: z.number().int().positive().default(4), maxLines: z.number().int().positive().default(50_000) })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;
