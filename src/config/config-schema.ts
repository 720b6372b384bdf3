// The validated shape of Steward's configuration. A bad value stops start-up with the field named.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const ConfigSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(7400),
        bodyLimitBytes: positiveInt.default(8 * 1024 * 1024),
        shutdownTimeoutMs: positiveInt.default(10_000),
        logLevel: z.enum(LOG_LEVELS).default('info'),
      })
      .strict()
      .prefault({}),
    dataDir: z.string().min(1).default('./.steward'),
    store: z
      .object({
        databaseUrl: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
          .optional(),
        redisUrl: z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL').optional(),
      })
      .strict()
      .prefault({}),
    security: z
      .object({
        adminKey: z.string().min(20, 'an admin key needs at least 20 characters').optional(),
        masterKey: z.string().min(1).optional(),
        authCacheTtlMs: z.coerce.number().int().min(0).default(30_000),
        projectDeleteGraceDays: z.coerce.number().min(0).default(7),
        metricsPublic: z.union([z.boolean(), z.stringbool()]).default(false),
      })
      .strict()
      .prefault({}),
    monitoring: z
      .object({
        rollupIntervalMs: z.coerce.number().int().min(0).default(10_000),
        traceRetentionDays: z.coerce.number().positive().default(30),
        alertIntervalMs: z.coerce.number().int().min(0).default(30_000),
        otlpEndpoint: z.url().optional(),
      })
      .strict()
      .prefault({}),
    /** Declarative resources (providers, models, prompts, routes, gates) applied with `steward apply`. */
    providers: z.array(z.unknown()).optional(),
    models: z.array(z.unknown()).optional(),
    prompts: z.array(z.unknown()).optional(),
    routes: z.array(z.unknown()).optional(),
    gates: z.array(z.unknown()).optional(),
    gateway: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type StewardConfig = z.infer<typeof ConfigSchema>;
