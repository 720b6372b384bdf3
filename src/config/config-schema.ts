// The validated shape of Steward's configuration. A bad value stops start-up with the field named;
// `steward config check` runs this same validation. Every section is typed: an unknown key is an
// error with its path (keys starting with `x-` are users' annotations, dropped before validation).
import { z } from 'zod';
import { ArtifactSettingsSchema } from '../artifacts/artifact-settings.js';
import { DeclaredGateSchema, DeclaredModelSchema, DeclaredPromptSchema } from '../declarative/declarative-document.js';
import { UseCaseSchema } from '../usecases/use-case-schema.js';
import { GatewaySettingsSchema } from '../gateway/gateway-settings.js';
import { RouteConfigSchema } from '../gateway/routes/route-config.js';
import { ProviderConfigSchema } from '../providers/provider-config.js';
import { OidcSettingsSchema } from '../governance/sessions/oidc-settings.js';

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
        maxJsonDepth: positiveInt.default(64),
        shutdownTimeoutMs: positiveInt.default(10_000),
        logLevel: z.enum(LOG_LEVELS).default('info'),
        /** Fail an answer whose response schema would drop a field (development and tests). */
        strictResponses: z.union([z.boolean(), z.stringbool()]).default(false),
        /** GraphiQL in a browser at GET /graphql (the page loads its scripts from unpkg.com). */
        graphiql: z.union([z.boolean(), z.stringbool()]).default(false),
        graphqlMaxDepth: positiveInt.default(12),
        graphqlMaxCost: positiveInt.default(10_000),
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
        /** Prefix of every Redis key, queue and channel, so several installations share one Redis. */
        redisPrefix: z.string().min(1).default('steward:'),
      })
      .strict()
      .prefault({}),
    security: z
      .object({
        // 32 characters: 128 bits even for hex; `openssl rand -hex 32` makes one.
        adminKey: z.string().min(32, 'an admin key needs at least 32 characters (e.g. openssl rand -hex 32)').optional(),
        masterKey: z.string().min(1).optional(),
        authCacheTtlMs: z.coerce.number().int().min(0).default(30_000),
        projectDeleteGraceDays: z.coerce.number().min(0).default(7),
        metricsPublic: z.union([z.boolean(), z.stringbool()]).default(false),
        /** While the store is unreachable, a cached key keeps authenticating this long past its TTL. */
        authStaleMaxMs: z.coerce.number().int().min(0).default(900_000),
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
    /** The local trace journal every trace is appended to before its response is sent. */
    journal: z
      .object({
        fsync: z.enum(['interval', 'always', 'off']).default('interval'),
        fsyncIntervalMs: positiveInt.default(1_000),
        maxBytes: positiveInt.default(1024 * 1024 * 1024),
        readyMaxBytes: positiveInt.default(64 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    /** Declarative resources applied with `steward apply`, typed by the schemas `apply` and the API use. */
    providers: z.array(ProviderConfigSchema.strict()).optional(),
    models: z.array(DeclaredModelSchema).optional(),
    prompts: z.array(DeclaredPromptSchema).optional(),
    routes: z.array(RouteConfigSchema).optional(),
    gates: z.array(DeclaredGateSchema).optional(),
    useCases: z.array(UseCaseSchema).optional(),
    gateway: GatewaySettingsSchema.optional(),
    /** Where model weights, adapters and other artifacts live so every replica can serve them. */
    artifacts: ArtifactSettingsSchema,
    /** Dashboard sign-in with OpenID Connect (people); API keys stay for machines. */
    oidc: OidcSettingsSchema.optional(),
  })
  .strict();

export type StewardConfig = z.infer<typeof ConfigSchema>;
