// Wires the domain services to a store and a change feed chosen by the configuration.
import { resolve } from 'node:path';
import type { StewardConfig } from '../config/index.js';
import { ApiKeyService, ProjectService, SecretService, checkpointLegacyChain, loadMasterKey, systemActor } from '../governance/index.js';
import { PromptService } from '../prompts/index.js';
import { ApprovalGateChecker, ModelStages, RegistryModelResolver, RegistryService, anyGateChecker } from '../registry/index.js';
import { type ChangeFeed, MemoryChangeFeed, type Store } from '../store/index.js';
import { RedisChangeFeed } from '../store/change-feed/redis-change-feed.js';
import { openStore } from '../store/open-store.js';
import type { InProcessGateway } from '../evals/index.js';
import { buildDatasetsAndEvals } from './build-evals.js';
import { buildPipelines } from './build-pipelines.js';
import { AnnotationService } from '../annotation/index.js';
import { buildDeployments } from './build-deployments.js';
import { buildGateway } from './build-gateway.js';
import { Lifecycle } from './lifecycle.js';
import { buildTraining } from './build-training.js';
import { buildArtifacts } from './build-artifacts.js';
import { buildReferences } from './build-references.js';
import { buildMonitoring, connectMonitoring } from './build-monitoring.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { createProcessLog } from './process-log.js';
import type { StewardServices } from './services.js';

export interface BuildServicesOptions {
  /** PostgreSQL schema to use (tests isolate runs this way). */
  postgresSchema?: string;
  /** Redis channel/key prefix (tests isolate runs this way). */
  redisPrefix?: string;
  /** The clock of time-dependent checks such as key expiry (tests inject one instead of sleeping). */
  now?: () => number;
}

export async function buildServices(config: StewardConfig, options: BuildServicesOptions = {}): Promise<StewardServices> {
  const lifecycle = new Lifecycle();
  // STEWARD_REDIS_PREFIX ('steward:') starts every Redis key, queue and channel: each part adds `:<name>`.
  const redisPrefix = options.redisPrefix ?? config.store.redisPrefix.replace(/:+$/, '');
  const dataDir = resolve(config.dataDir);
  const store: Store = await openStore({ databaseUrl: config.store.databaseUrl, dataDir, postgresSchema: options.postgresSchema });
  lifecycle.onClose('store', () => store.close());
  try {
    const feed: ChangeFeed = config.store.redisUrl
      ? new RedisChangeFeed({ url: config.store.redisUrl, channel: `${redisPrefix}:changes`, log: createProcessLog(config.server.logLevel) })
      : new MemoryChangeFeed();
    lifecycle.onClose('change feed', () => feed.close());
    // The master key comes first: it also keys the audit chain every write below appends to.
    const masterKey = loadMasterKey({ masterKey: config.security.masterKey, dataDir });
    const secrets = new SecretService({ store, masterKey });
    const projects = new ProjectService(store, { deleteGraceDays: config.security.projectDeleteGraceDays, now: options.now });
    const defaultProject = await projects.ensureDefault();
    await checkpointLegacyChain(store, systemActor(defaultProject.id));
    const keys = new ApiKeyService({ store, feed, cacheTtlMs: config.security.authCacheTtlMs, authStaleMaxMs: config.security.authStaleMaxMs, now: options.now });
    projects.setKeysChangedListener(() => keys.invalidateAll());
    lifecycle.onClose('api keys', () => keys.close());
    const registry = new RegistryService({ store, feed });
    const modelStages = new ModelStages({ registry });
    const registryResolver = new RegistryModelResolver({ db: store.db, feed });
    lifecycle.onClose('registry resolver', () => registryResolver.close());
    const prompts = new PromptService({ store, feed });
    lifecycle.onClose('prompts', () => prompts.close());
    // Evaluation calls go through the gateway once it is built below.
    const gatewayHolder: { current?: InProcessGateway } = {};
    const { datasets, evals } = buildDatasetsAndEvals({ config, store, dataDir, lifecycle, projectId: defaultProject.id, gateway: () => gatewayHolder.current, prompts });
    // Promotion gates pass on a passing evaluation run, or on a recorded manual approval.
    modelStages.setGateChecker(anyGateChecker([evals.gates.checker(), new ApprovalGateChecker(() => store.db)]));
    const artifacts = await buildArtifacts({ config, store, secrets, projectId: defaultProject.id, dataDir, lifecycle });
    const training = await buildTraining({ config, store, feed, secrets, lifecycle, dataDir, redisPrefix, registry, datasets, artifacts });
    const monitoring = buildMonitoring({ config, store, secrets, lifecycle, purgeDeletedProjects: (now) => projects.purgeExpired(now), now: options.now });
    // Alert channel URLs from before they were sealed are sealed now (provider headers: on load).
    await monitoring.alerting.sealLegacyChannelUrls();
    const metrics = createMetricsRegistry();
    const gatewayServices = await buildGateway({
      config,
      store,
      feed,
      secrets,
      metrics,
      lifecycle,
      dataDir,
      artifacts,
      masterKey: masterKey.key,
      projectId: defaultProject.id,
      redisPrefix,
      processLog: createProcessLog(config.server.logLevel),
      resolvers: [registryResolver],
      prompts,
      now: options.now,
    });
    const gateway = gatewayServices.gateway;
    gatewayHolder.current = gateway;
    // Runs stop before the gateway does, so calls cut by the shutdown are retried on resume, not recorded as failures.
    lifecycle.onClose('evaluation runner', () => evals.runner.close());
    const deployments = buildDeployments({ store, feed, routes: gatewayServices.routes, registryResolver, modelStages, registry, prompts, lifecycle, projectId: defaultProject.id, gates: evals.gates, now: options.now });
    connectMonitoring(monitoring, { gateway, datasets });
    // Names used in routes, versions and apply documents are checked when written (src/references).
    buildReferences({ gateway: gatewayServices, registry, prompts, declarative: deployments.declarative });
    const pipelines = buildPipelines({ store, datasets, training, evals, deployments, registry, modelStages, routes: gatewayServices.routes, metrics: monitoring.metrics, lifecycle, now: options.now });
    return { gateway, gatewayServices, training, monitoring, pipelines, annotation: new AnnotationService({ store }), config, store, feed, metrics, lifecycle, defaultProject, projects, keys, secrets, datasets, evals, registry, modelStages, registryResolver, prompts, deployments };
  } catch (error) {
    await lifecycle.close();
    throw error;
  }
}
