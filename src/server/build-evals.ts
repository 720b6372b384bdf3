// Wires datasets and evaluations: the model caller (the gateway's in-process API when the process
// has one, else the configured providers directly), the background runner with its recovery of
// unfinished runs, and the text generator dataset augmentation uses.
import type { StewardConfig } from '../config/index.js';
import type { DatasetService } from '../datasets/index.js';
import { EvalRunner, EvalService, type InProcessGateway, type ModelCaller, completionText, gatewayModelCaller, providerModelCaller } from '../evals/index.js';
import type { Actor } from '../governance/index.js';
import { type ProviderConfigInput, providersFromEnv } from '../providers/provider-config.js';
import { createProvider } from '../providers/provider-registry.js';
import type { PromptService } from '../prompts/index.js';
import type { LanguageModelProvider } from '../providers/spec/index.js';
import type { Store } from '../store/index.js';
import { buildDatasets } from './build-datasets.js';
import type { Lifecycle } from './lifecycle.js';

export interface BuildEvalsOptions {
  config: StewardConfig;
  store: Store;
  dataDir: string;
  lifecycle: Lifecycle;
  /** Stored prompt versions runs may name (`prompt: { name, version | label }`). */
  prompts?: PromptService;
  /** The project model-made augmentation is charged to when no run names one. */
  projectId?: string;
  /**
   * The gateway, once built: evaluation calls then go through it (routes, limits, cache, traces) on
   * behalf of the run's creator. Until it exists, or without one, calls go to the configured
   * providers directly.
   */
  gateway?: () => InProcessGateway | undefined;
  env?: Record<string, string | undefined>;
}

/** The providers of steward.yaml (`providers:`) and of the usual environment variables. */
export function configuredProviders(config: StewardConfig, env: Record<string, string | undefined>): LanguageModelProvider[] {
  // The config schema has validated every entry (src/config/config-schema.ts).
  const fromConfig: ProviderConfigInput[] = config.providers ?? [];
  const names = new Set(fromConfig.map((p) => p.name));
  return [...fromConfig, ...providersFromEnv(env).filter((p) => !names.has(p.name))].map(createProvider);
}

export function buildDatasetsAndEvals(options: BuildEvalsOptions): { datasets: DatasetService; evals: EvalService } {
  const direct = providerModelCaller(configuredProviders(options.config, options.env ?? process.env));
  const callerAs = (actor: Actor): ModelCaller => {
    const gateway = options.gateway?.();
    return gateway ? gatewayModelCaller(gateway, actor) : direct;
  };
  const datasets: DatasetService = buildDatasets({
    store: options.store,
    dataDir: options.dataDir,
    // Augmentation calls models as the dataset's caller, so route and registry names resolve in its project.
    textGenerator: (actor, model) => async (prompt) => completionText(await callerAs(actor).chat({ model, messages: [{ role: 'user', content: prompt }] }, {})),
  });
  const runner = new EvalRunner({
    store: options.store,
    callerFor: (run) => callerAs({ id: run.created_by, name: `eval run ${run.id}`, role: 'developer', projectId: run.project_id }),
    resolvePrompt: async (run) => {
      const prompt = run.prompt_json ? (JSON.parse(run.prompt_json) as { name?: string; version?: number; system?: string; template?: string }) : undefined;
      if (!prompt) return undefined;
      const { prompts } = options;
      if (prompt.name !== undefined && prompts) {
        const name = prompt.name;
        const version = Number(prompt.version);
        return { ref: { name, version }, render: async (variables) => (await prompts.render(run.project_id, name, { version }, variables)).messages };
      }
      return { system: prompt.system, template: prompt.template };
    },
    onError: (message, error) => process.emitWarning(`${message}: ${error instanceof Error ? error.message : String(error)}`),
  });
  const { prompts } = options;
  const evals = new EvalService({
    store: options.store,
    datasets,
    runner,
    promptVersion: prompts ? async (projectId, name, selector) => (await prompts.version(projectId, name, selector)).version : undefined,
    // A target (or judge) that does not resolve is refused at creation, not discovered item by item.
    resolveTarget: async (projectId, model) => {
      const planner = options.gateway?.()?.planner;
      if (!planner) return { versionIds: [] };
      const plan = await planner.plan(model, { projectId });
      return { versionIds: plan.targets.flatMap((t) => (t.resolved.versionId ? [t.resolved.versionId] : [])) };
    },
  });
  // Runs left unfinished by a stop or a crash resume here; a dead replica's runs once its lease expires.
  const sweep = setInterval(() => void runner.recover().catch(() => {}), 15_000);
  sweep.unref();
  void runner.recover().catch(() => {});
  options.lifecycle.onClose('evaluation runner', async () => {
    clearInterval(sweep);
    await runner.close();
  });
  return { datasets, evals };
}
