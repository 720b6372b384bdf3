// Plans a call: the model name becomes an ordered list of upstream targets (a route's policy decides
// the order; a direct model is one target), with the retry and timeout settings and, when a target is
// being retired, its deprecation notice as a value. The route is looked up here, once per call.
import { StewardError } from '../../errors/index.js';
import type { LanguageModelProvider } from '../../providers/spec/index.js';
import type { DeprecationNotice } from '../call/call-outcome.js';
import type { GatewaySettings } from '../gateway-settings.js';
import type { ModelResolver, ResolvedModel } from '../model-resolver.js';
import type { ProviderModelResolver } from '../providers/provider-resolver.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { type MidStreamFailover, type RouteConfig, midStreamFailover } from '../routes/route-config.js';
import type { Route, RouteService } from '../routes/route-service.js';
import { orderTargets } from '../routes/target-order.js';

export interface PlannedTarget {
  /** The caller's project: the target is priced with its price table. */
  projectId: string;
  /** `provider/model`, as metrics and messages name the target. */
  label: string;
  /** The key of its circuit breaker and concurrency gate: a project's own provider is apart from another project's of the same name. */
  guard: string;
  resolved: ResolvedModel;
  provider: LanguageModelProvider;
  /** Parameters fixed by the model version and the route target (the request's own win). */
  params: Record<string, unknown> | undefined;
}

export interface CallPlan {
  requestedModel: string;
  route: Route | undefined;
  targets: PlannedTarget[];
  retry: RouteConfig['retry'];
  attemptMs: number;
  totalMs: number;
  /** What a stream that breaks after some text does: continue on the next target, or fail. */
  midStream: MidStreamFailover;
  /** Set when a target is being retired (not yet past its sunset). */
  deprecation: DeprecationNotice | undefined;
}

export interface PlanContext {
  /** The caller's project: route names, registry names and providers resolve inside it. */
  projectId: string;
  user?: string;
  keyId?: string | null;
}

export class CallPlanner {
  readonly #routes: RouteService;
  readonly #registry: ProviderRegistry;
  readonly #providerResolver: ProviderModelResolver;
  readonly #resolvers: ModelResolver[];
  readonly #settings: GatewaySettings;

  constructor(options: { routes: RouteService; registry: ProviderRegistry; providerResolver: ProviderModelResolver; resolvers: ModelResolver[]; settings: GatewaySettings }) {
    this.#routes = options.routes;
    this.#registry = options.registry;
    this.#providerResolver = options.providerResolver;
    this.#resolvers = options.resolvers;
    this.#settings = options.settings;
  }

  /**
   * @throws StewardError MODEL_NOT_FOUND (404, param `model`) or MODEL_DISCONTINUED (410 naming the replacement).
   */
  async plan(model: string, context: PlanContext): Promise<CallPlan> {
    const { projectId } = context;
    const route = this.#routes.get(projectId, model);
    const now = Date.now();
    if (route) {
      const targets: PlannedTarget[] = [];
      let discontinued: StewardError | undefined;
      let deprecation: DeprecationNotice | undefined;
      for (const target of orderTargets(route.config, context, route.name)) {
        const resolved = await this.resolve(projectId, target.model);
        if (!resolved) continue;
        const retired = retirement(target.model, resolved, now);
        if (retired instanceof StewardError) {
          discontinued ??= retired;
          continue;
        }
        if (retired) deprecation = { ...deprecation, ...retired };
        targets.push(this.#planned(projectId, resolved, target.params));
      }
      if (targets.length === 0) {
        throw discontinued ?? new StewardError({ code: 'MODEL_NOT_FOUND', message: `route ${model} has no target that resolves to a configured provider`, details: { param: 'model' } });
      }
      const { retry, timeouts } = route.config;
      return {
        requestedModel: model,
        route,
        targets,
        retry,
        attemptMs: timeouts.attemptMs ?? this.#settings.timeouts.attemptMs,
        totalMs: timeouts.totalMs ?? this.#settings.timeouts.totalMs,
        midStream: midStreamFailover(route.config),
        deprecation,
      };
    }
    const resolved = await this.resolve(projectId, model);
    if (!resolved) {
      throw new StewardError({
        code: 'MODEL_NOT_FOUND',
        message: `The model \`${model}\` does not exist or you do not have access to it (use provider/model, a route name or a registry model)`,
        details: { param: 'model' },
      });
    }
    const retired = retirement(model, resolved, now);
    if (retired instanceof StewardError) throw retired;
    return {
      requestedModel: model,
      route: undefined,
      targets: [this.#planned(projectId, resolved, undefined)],
      retry: this.#settings.retry,
      attemptMs: this.#settings.timeouts.attemptMs,
      totalMs: this.#settings.timeouts.totalMs,
      midStream: 'error',
      deprecation: retired,
    };
  }

  /** Resolves a model name (not a route) inside the project: `provider/model` first, then the other resolvers in order. */
  async resolve(projectId: string, name: string): Promise<ResolvedModel | null> {
    const direct = this.#providerResolver.resolveSync(projectId, name);
    if (direct) return direct;
    for (const resolver of this.#resolvers) {
      const resolved = await resolver.resolve(projectId, name);
      if (resolved && this.#registry.getFor(projectId, resolved.provider)) return resolved;
    }
    return null;
  }

  #planned(projectId: string, resolved: ResolvedModel, targetParams: Record<string, unknown> | undefined): PlannedTarget {
    const entry = this.#registry.entryFor(projectId, resolved.provider);
    if (!entry) throw new StewardError({ code: 'PROVIDER_NOT_CONFIGURED', message: `provider ${resolved.provider} is not configured` });
    const params = resolved.params || targetParams ? { ...resolved.params, ...targetParams } : undefined;
    const label = `${resolved.provider}/${resolved.model}`;
    const guard = entry.source === 'api' ? `${entry.projectId ?? ''}/${label}` : label;
    return { projectId, label, guard, resolved, provider: entry.provider, params };
  }
}

/** The model's deprecation notice, or the 410 when it is past its sunset or discontinued. */
function retirement(name: string, resolved: ResolvedModel, now: number): StewardError | DeprecationNotice | undefined {
  const deprecation = resolved.deprecation;
  if (!deprecation) return undefined;
  const sunset = deprecation.sunsetAt ? Date.parse(deprecation.sunsetAt) : Number.NaN;
  const replacement = deprecation.replacement;
  if (deprecation.discontinued || (!Number.isNaN(sunset) && sunset <= now)) {
    return new StewardError({
      code: 'MODEL_DISCONTINUED',
      message: `The model \`${name}\` has been discontinued${replacement ? `; use \`${replacement}\` instead` : ''}`,
      details: { param: 'model', replacement: replacement ?? null },
    });
  }
  const deprecatedAt = deprecation.deprecatedAt ? Date.parse(deprecation.deprecatedAt) : Number.NaN;
  return {
    deprecatedAt: Number.isNaN(deprecatedAt) ? null : deprecatedAt,
    ...(Number.isNaN(sunset) ? {} : { sunsetAt: sunset }),
    ...(replacement ? { replacement } : {}),
  };
}
