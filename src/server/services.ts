// The domain services one Steward process runs, wired to one store; routes and the CLI use them.
import type { Registry } from 'prom-client';
import type { StewardConfig } from '../config/index.js';
import type { Gateway, GatewayServices } from '../gateway/index.js';
import type { ApiKeyService, Project, ProjectService, SecretService } from '../governance/index.js';
import type { PromptService } from '../prompts/index.js';
import type { ModelStages, RegistryModelResolver, RegistryService } from '../registry/index.js';
import type { DatasetService } from '../datasets/index.js';
import type { EvalService } from '../evals/index.js';
import type { ChangeFeed, Store } from '../store/index.js';
import type { TrainingService } from '../training/index.js';
import type { MonitoringServices } from './build-monitoring.js';
import type { PipelineService } from '../pipelines/index.js';
import type { AnnotationService } from '../annotation/index.js';
import type { DeploymentServices } from './build-deployments.js';
import type { Lifecycle } from './lifecycle.js';

export interface StewardServices {
  config: StewardConfig;
  store: Store;
  feed: ChangeFeed;
  metrics: Registry;
  lifecycle: Lifecycle;
  defaultProject: Project;
  projects: ProjectService;
  keys: ApiKeyService;
  secrets: SecretService;
  training: TrainingService;
  /** Roll-ups and time series, alerting, OTLP ingest and export. */
  monitoring: MonitoringServices;
  /** Retraining pipelines (the loop). */
  pipelines: PipelineService;
  annotation: AnnotationService;
  registry: RegistryService;
  modelStages: ModelStages;
  registryResolver: RegistryModelResolver;
  prompts: PromptService;
  /** Route rollback and diff, A-B experiments, canary rollouts and their controller. */
  deployments: DeploymentServices;
  datasets: DatasetService;
  evals: EvalService;
  /** The data plane: `gateway.chat(actor, request, { signal })`, `embed`, `complete`, `streamChat`. */
  gateway: Gateway;
  /** Routes, providers, limits, prices, cache, traces and feedback around the gateway. */
  gatewayServices: GatewayServices;
}
