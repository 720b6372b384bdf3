// Wires the gateway: providers (environment, steward.yaml, API), routes, limits and prices, the
// response cache, the trace writer, feedback and batches; Redis for counters and cache when configured.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registry } from 'prom-client';
import type { ArtifactService } from '../artifacts/index.js';
import type { StewardConfig } from '../config/index.js';
import { StewardError } from '../errors/index.js';
import { FeedbackService } from '../feedback/index.js';
import {
  CallPlanner,
  Gateway,
  GatewaySettingsSchema,
  KeyLimits,
  type ModelResolver,
  PriceTable,
  type PromptRenderer,
  ProviderModelResolver,
  ProviderRegistry,
  ProviderService,
  RouteService,
  instantiateProvider,
  withoutSecret,
} from '../gateway/index.js';
import { BatchService, FileStore } from '../gateway/batch/index.js';
import type { GatewayServices } from '../gateway/gateway-services.js';
import type { SecretService } from '../governance/index.js';
import { TraceService, TraceWriter } from '../monitoring/traces/index.js';
import { Pseudonymiser } from '../privacy/index.js';
import { createBuiltinProvider } from '../providers/builtin/index.js';
import { configureUpstreamPools } from '../providers/shared/index.js';
import { parseProviderConfig, providersFromEnv } from '../providers/provider-config.js';
import type { ChangeFeed, Store } from '../store/index.js';
import { buildLimits } from './build-limits.js';
import { GatewayMetrics } from './gateway-metrics.js';
import type { Lifecycle } from './lifecycle.js';
import { type ProcessLog, rateLimitedLog } from './process-log.js';
import { registerTraceWriterMetrics } from './reliability-metrics.js';

/** The committed `models/` folder of the repository. */
const REPOSITORY_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface BuildGatewayOptions {
  config: StewardConfig;
  store: Store;
  feed: ChangeFeed;
  secrets: SecretService;
  metrics: Registry;
  lifecycle: Lifecycle;
  dataDir: string;
  /** Models trained on another replica are fetched from here on first use. */
  artifacts?: ArtifactService;
  masterKey: Uint8Array;
  projectId: string;
  redisPrefix?: string;
  env?: Record<string, string | undefined>;
  /** Resolvers asked after `provider/model` (the registry's), in order. */
  resolvers?: ModelResolver[];
  /** Renders the prompts routes bind (the prompt service). */
  prompts?: PromptRenderer;
  log?: (message: string, error?: unknown) => void;
  /** Leveled log lines (Redis state, journal warnings); defaults to `log`. */
  processLog?: ProcessLog;
  /** The gateway's clock for circuit breakers (tests). */
  now?: () => number;
}

export async function buildGateway(options: BuildGatewayOptions): Promise<GatewayServices> {
  const { config, store, feed, secrets, lifecycle, dataDir } = options;
  const log = options.log ?? (() => {});
  const parsed = GatewaySettingsSchema.safeParse(config.gateway ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StewardError({ code: 'CONFIG_INVALID', message: `gateway.${issue.path.join('.')}: ${issue.message}` });
  }
  const settings = parsed.data;
  configureUpstreamPools(settings.upstream);

  const registry = new ProviderRegistry();
  lifecycle.onClose('providers', () => registry.close());
  if (settings.builtin.enabled) {
    const modelsDir = settings.builtin.modelDirs ?? [REPOSITORY_MODELS_DIR, join(dataDir, 'models')];
    const artifacts = options.artifacts;
    const provider = artifacts
      ? createBuiltinProvider({ modelsDir: [...modelsDir, artifacts.modelsCacheDir], fetchModel: (name) => artifacts.materialiseModel(name) })
      : createBuiltinProvider({ modelsDir });
    registry.set({ provider, source: 'builtin', hasApiKey: false });
  }
  for (const providerConfig of providersFromEnv(options.env ?? process.env)) {
    registry.set({ provider: instantiateProvider(providerConfig), source: 'env', config: withoutSecret(providerConfig), hasApiKey: providerConfig.apiKey !== undefined });
  }
  (config.providers ?? []).forEach((raw, index) => {
    let providerConfig: ReturnType<typeof parseProviderConfig>;
    try {
      providerConfig = parseProviderConfig(raw as Parameters<typeof parseProviderConfig>[0]);
    } catch (error) {
      const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
      throw new StewardError({ code: 'CONFIG_INVALID', message: `providers[${index}]${issue ? `.${issue.path.join('.')}: ${issue.message}` : ': invalid'}`, cause: error });
    }
    registry.set({ provider: instantiateProvider(providerConfig), source: 'config', config: withoutSecret(providerConfig), hasApiKey: providerConfig.apiKey !== undefined });
  });
  const providers = new ProviderService({ store, feed, secrets, registry, projectId: options.projectId });
  lifecycle.onClose('provider service', () => providers.close());
  await providers.load();

  const routes = new RouteService({ store, feed });
  lifecycle.onClose('routes', () => routes.close());
  await routes.load();

  const plog: ProcessLog = options.processLog ?? ((_level, message, error) => log(message, error));
  const { limits, cache, persistCounters } = await buildLimits({ config, settings, store, metrics: options.metrics, lifecycle, redisPrefix: options.redisPrefix, log: plog, now: options.now });
  const keyLimits = new KeyLimits({ store, feed, defaults: settings.keyLimits });
  lifecycle.onClose('key limits', () => keyLimits.close());
  await keyLimits.load();
  const prices = new PriceTable({ store, feed });
  lifecycle.onClose('prices', () => prices.close());
  await prices.load();

  const traceWriter = new TraceWriter({
    store,
    dataDir,
    flushMs: settings.traces.flushMs,
    batchSize: settings.traces.batchSize,
    maxBodyChars: settings.traces.maxBodyChars,
    fsync: config.journal.fsync,
    fsyncIntervalMs: config.journal.fsyncIntervalMs,
    maxJournalBytes: config.journal.maxBytes,
    onError: rateLimitedLog(plog, 'trace write failed; the traces stay in the journal and are retried'),
    onWarn: (message) => plog('warn', message),
    afterBatch: persistCounters,
  });
  registerTraceWriterMetrics(options.metrics, traceWriter);
  const pseudonymKey = settings.pseudonymKey ?? createHmac('sha256', options.masterKey).update('steward/pseudonyms/v1').digest();
  const resolvers: ModelResolver[] = [...(options.resolvers ?? [])];
  const providerResolver = new ProviderModelResolver(registry);
  const planner = new CallPlanner({ routes, registry, providerResolver, resolvers, settings });
  const metrics = new GatewayMetrics(options.metrics);
  const gateway = new Gateway({
    planner,
    prompts: options.prompts,
    limits,
    keyLimits,
    prices,
    cache,
    traces: traceWriter,
    observers: [metrics],
    settings,
    pseudonymiser: new Pseudonymiser({ key: pseudonymKey }),
    onBackgroundError: (error) => log('gateway background work failed', error),
    now: options.now,
  });
  metrics.setTargetStats(() => gateway.targetStats());
  const traces = new TraceService(store);
  const feedback = new FeedbackService({ store, beforeLookup: () => traceWriter.flush() });
  const files = new FileStore({ store, dataDir, artifacts: options.artifacts });
  const batches = new BatchService({ store, files, gateway, settings, log });
  // Closers run in reverse: batches stop, then the writer drains, before the store closes.
  lifecycle.onClose('trace writer', () => traceWriter.close());
  lifecycle.onClose('batches', () => batches.close());
  await batches.start();
  return { gateway, settings, registry, providers, routes, limits, keyLimits, prices, cache, traceWriter, traces, feedback, files, batches, resolvers, providerResolver };
}
