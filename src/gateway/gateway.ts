// The data plane in one class: plan the call, admit it against limits, answer from the cache or run
// the targets with retries and fallbacks, account tokens and cost, and record the trace off the path.
// The HTTP handlers and in-process callers (evaluations, distillation) both go through it.
import { StewardError } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import type { TraceEndpoint, TraceRecord, TraceWriter } from '../monitoring/traces/index.js';
import type { Pseudonymiser } from '../privacy/index.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  CompletionRequest,
  EmbeddingRequest,
  EmbeddingResult,
  LanguageModelProvider,
  TextCompletion,
  Usage,
} from '../providers/spec/index.js';
import { newId } from '../store/index.js';
import { cacheKey } from './cache/cache-key.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { CallPlan, CallPlanner, PlannedTarget } from './call-plan.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { GatewayCallOptions, GatewayResponse, GatewayStream } from './gateway-call.js';
import type { GatewaySettings } from './gateway-settings.js';
import type { KeyLimits } from './limits/key-limits.js';
import type { LimitEnforcer, LimitScope } from './limits/limit-enforcer.js';
import { type Meter, Metering } from './limits/metering.js';
import type { PriceTable } from './limits/price-table.js';
import { CircuitBreaker } from './resilience/circuit-breaker.js';
import { ConcurrencyGate } from './resilience/concurrency-gate.js';
import { GuardMap } from './resilience/guard-map.js';
import { type TargetGuards, type TargetRun, finalError, runTargets } from './resilience/run-targets.js';
import { ChatStreamAssembler, TextStreamAssembler, chatCompletionToChunks, textCompletionToChunks } from './stream-assembly.js';
import { type BodyPolicy, redactUpstream, storedRequest, storedResponse } from './tracing/trace-bodies.js';

export type { GatewayCallOptions, GatewayResponse, GatewayStream } from './gateway-call.js';

type Endpoint = TraceEndpoint;

interface CallState {
  endpoint: Endpoint;
  actor: Actor;
  requestedModel: string;
  traceId: string;
  t0: number;
  options: GatewayCallOptions;
  plan?: CallPlan;
  scopes: LimitScope[];
  /** The call's admission: settled exactly once, when the call ends however it ends. */
  meter?: Meter;
  userPseudonym: string | null;
  request: ChatRequest | CompletionRequest | EmbeddingRequest;
  stream: boolean;
  promptVersionId: string | null;
}

export interface GatewayDeps {
  planner: CallPlanner;
  limits: LimitEnforcer;
  keyLimits: KeyLimits;
  prices: PriceTable;
  cache: ResponseCache;
  traces: TraceWriter;
  metrics: GatewayMetrics;
  settings: GatewaySettings;
  pseudonymiser: Pseudonymiser;
  /** Called with errors of background work (accounting, cache writes). */
  onBackgroundError?: (error: unknown) => void;
  /** The circuit breakers' clock (tests inject one instead of sleeping through `openMs`). */
  now?: () => number;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

export class Gateway {
  readonly #deps: GatewayDeps;
  readonly #breakers: GuardMap<CircuitBreaker>;
  readonly #gates: GuardMap<ConcurrencyGate>;
  readonly #guards: TargetGuards;
  readonly #metering: Metering;

  constructor(deps: GatewayDeps) {
    this.#deps = deps;
    this.#metering = new Metering({ limits: deps.limits, prices: deps.prices, settings: deps.settings.limits });
    const { settings, metrics } = deps;
    this.#breakers = new GuardMap({
      create: () => new CircuitBreaker(deps.now ? { ...settings.circuitBreaker, now: deps.now } : settings.circuitBreaker),
      isIdle: (breaker) => breaker.idle,
    });
    this.#gates = new GuardMap({
      create: () => new ConcurrencyGate({ limit: settings.concurrency.perTarget, maxQueue: settings.concurrency.maxQueue }),
      isIdle: (gate) => gate.active === 0 && gate.queued === 0,
    });
    this.#guards = {
      breaker: (label) => this.#breakers.get(label),
      gate: (label) => this.#gates.get(label),
      onRetry: (label) => metrics.retries.inc({ target: label }),
      onFallback: () => metrics.fallbacks.inc({ route: 'direct' }),
    };
    metrics.setTargetStats(() => [...this.#gates.entries()].map(([target, gate]) => ({ target, queued: gate.queued, active: gate.active })));
  }

  /** The planner, to resolve model names (GET /v1/models, batches). */
  get planner(): CallPlanner {
    return this.#deps.planner;
  }

  /** Circuit state of every target seen so far. */
  circuits(): { target: string; state: string }[] {
    return [...this.#breakers.entries()].map(([target, breaker]) => ({ target, state: breaker.state }));
  }

  // ---- in-process API -------------------------------------------------------------------------

  /** A chat completion through routing, limits, cache and tracing. */
  async chat(actor: Actor, request: ChatRequest, options: GatewayCallOptions = {}): Promise<ChatCompletion> {
    return (await this.chatCall(actor, request, options)).body;
  }

  /** A streamed chat completion; the iterable throws if the stream fails mid-way. */
  async *streamChat(actor: Actor, request: ChatRequest, options: GatewayCallOptions = {}): AsyncGenerator<ChatChunk> {
    const stream = await this.chatStream(actor, request, options);
    yield* stream.chunks;
  }

  async complete(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<TextCompletion> {
    return (await this.completionCall(actor, request, options)).body;
  }

  async embed(actor: Actor, request: EmbeddingRequest, options: GatewayCallOptions = {}): Promise<EmbeddingResult> {
    return (await this.embeddingCall(actor, request, options)).body;
  }

  // ---- calls with response metadata (the HTTP layer) ------------------------------------------

  chatCall(actor: Actor, request: ChatRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<ChatCompletion>> {
    return this.#unary('chat', actor, request, options, (provider, body, signal) => options.upstream?.chat?.(provider, body, signal) ?? provider.chat({ ...body, stream: false } as ChatRequest, { signal }), (r) => r.usage);
  }

  completionCall(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<TextCompletion>> {
    return this.#unary('completions', actor, request, options, (provider, body, signal) => provider.complete({ ...body, stream: false } as CompletionRequest, { signal }), (r) => r.usage);
  }

  embeddingCall(actor: Actor, request: EmbeddingRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<EmbeddingResult>> {
    return this.#unary(
      'embeddings',
      actor,
      request,
      options,
      (provider, body, signal) => {
        if (!provider.embed) {
          throw new StewardError({ code: 'UNSUPPORTED_PARAMETER', message: `provider ${provider.name} has no embeddings endpoint`, details: { param: 'model' } });
        }
        return provider.embed(body as EmbeddingRequest, { signal });
      },
      (r) => ({ prompt_tokens: r.usage.prompt_tokens, completion_tokens: 0, total_tokens: r.usage.total_tokens }),
    );
  }

  chatStream(actor: Actor, request: ChatRequest, options: GatewayCallOptions = {}): Promise<GatewayStream<ChatChunk>> {
    return this.#stream<ChatChunk, ChatCompletion>(
      'chat',
      actor,
      request,
      options,
      (provider, body, signal) => options.upstream?.streamChat?.(provider, body as ChatRequest, signal) ?? provider.streamChat(body as ChatRequest, { signal }),
      () => new ChatStreamAssembler(),
      (completion, includeUsage) => chatCompletionToChunks(completion, includeUsage),
      (chunk) => chunk.choices.length === 0,
    );
  }

  completionStream(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<GatewayStream<TextCompletion>> {
    return this.#stream<TextCompletion, TextCompletion>(
      'completions',
      actor,
      request,
      options,
      (provider, body, signal) => provider.streamComplete(body as CompletionRequest, { signal }),
      () => new TextStreamAssembler(),
      (completion, includeUsage) => textCompletionToChunks(completion, includeUsage),
      (chunk) => chunk.choices.length === 0,
    );
  }

  // ---- the pipeline ---------------------------------------------------------------------------

  async #begin(endpoint: Endpoint, actor: Actor, request: CallState['request'], options: GatewayCallOptions, stream: boolean): Promise<{ state: CallState; headers: Record<string, string> }> {
    const t0 = options.startedAt ?? performance.now();
    const user = 'user' in request ? request.user : undefined;
    const state: CallState = {
      endpoint,
      actor,
      requestedModel: request.model,
      traceId: options.traceId ?? newId('trace'),
      t0,
      options,
      scopes: [],
      userPseudonym: user ? this.#deps.pseudonymiser.pseudonymise(user) : null,
      request,
      stream,
      promptVersionId: options.promptVersionId ?? null,
    };
    try {
      state.plan = await this.#deps.planner.plan(request.model, { projectId: actor.projectId, user, keyId: actor.id });
      state.scopes = this.#scopes(actor, state.plan);
      state.meter = await this.#metering.admit(state.scopes, state.plan, request);
      const limitHeaders = state.meter.headers;
      const headers = state.plan.headers === NO_HEADERS || Object.keys(state.plan.headers).length === 0 ? { ...limitHeaders } : { ...state.plan.headers, ...limitHeaders };
      return { state, headers };
    } catch (error) {
      this.#fail(state, error, undefined);
      throw error;
    }
  }

  #scopes(actor: Actor, plan: CallPlan): LimitScope[] {
    const scopes: LimitScope[] = [{ kind: 'key', id: actor.id ?? 'system', limits: this.#deps.keyLimits.for(actor.id ?? 'system') }];
    // Route names are per project: the counter of project A's `chat` is not project B's.
    if (plan.route) scopes.push({ kind: 'route', id: `${plan.route.projectId}/${plan.route.name}`, limits: plan.route.config.limits });
    return scopes;
  }

  #bodyPolicy(plan: CallPlan | undefined): BodyPolicy {
    const privacy = plan?.route?.config.privacy;
    return privacy ? { store: privacy.storeBodies, redact: privacy.redactStored } : { store: this.#deps.settings.traces.storeBodies, redact: false };
  }

  #upstreamBody<R extends CallState['request']>(state: CallState, request: R, target: PlannedTarget): R {
    let body = request;
    if (state.plan?.route?.config.privacy.redactUpstream) {
      body = redactUpstream(state.endpoint, body);
      if ('user' in body && body.user !== undefined) body = { ...body, user: state.userPseudonym ?? undefined };
    }
    return target.params ? ({ ...target.params, ...body, model: target.resolved.model } as R) : ({ ...body, model: target.resolved.model } as R);
  }

  #cacheKeyFor(state: CallState): string | undefined {
    const route = state.plan?.route;
    if (!route?.config.cache.enabled || state.options.cache === 'bypass') return undefined;
    // The route's project is part of the scope: two projects' `chat` revision 1 never share answers.
    return cacheKey(state.endpoint, `${route.projectId}/${route.name}@${route.revision}`, state.request);
  }

  async #unary<R extends CallState['request'], T extends ChatCompletion | TextCompletion | EmbeddingResult>(
    endpoint: Endpoint,
    actor: Actor,
    request: R,
    options: GatewayCallOptions,
    call: (provider: LanguageModelProvider, body: R, signal: AbortSignal) => Promise<T>,
    usageOf: (result: T) => Usage | undefined,
  ): Promise<GatewayResponse<T>> {
    const { state, headers } = await this.#begin(endpoint, actor, request, options, false);
    const plan = state.plan as CallPlan;
    const key = this.#cacheKeyFor(state);
    if (plan.route?.config.cache.enabled) headers['x-steward-cache'] = key ? 'miss' : 'bypass';
    if (key) {
      const cached = await this.#deps.cache.get(key).catch(() => undefined);
      if (cached !== undefined) {
        const body = JSON.parse(cached) as T;
        headers['x-steward-cache'] = 'hit';
        const overheadMs = performance.now() - state.t0;
        const costUsd = this.#succeed(state, { target: undefined, body, usage: usageOf(body), cacheHit: true, attempts: [], overheadMs, ttftMs: null });
        return { body, traceId: state.traceId, headers, overheadMs, costUsd };
      }
    }
    let run: TargetRun<T>;
    try {
      run = await runTargets(plan, this.#guardsFor(plan), options.signal, (target, signal) => call(target.provider, this.#upstreamBody(state, request, target), signal));
    } catch (error) {
      this.#fail(state, error, undefined);
      throw error;
    }
    run.release('ok');
    const body = run.value;
    const overheadMs = Math.max(0, performance.now() - state.t0 - run.upstreamMs - run.waitMs);
    if (key) this.#background(this.#deps.cache.set(key, JSON.stringify(body), plan.route!.config.cache.ttlSeconds * 1000));
    const costUsd = this.#succeed(state, { target: run.target, body, usage: usageOf(body), cacheHit: false, attempts: run.attempts, overheadMs, ttftMs: null });
    return { body, traceId: state.traceId, headers, overheadMs, costUsd };
  }

  async #stream<C extends ChatChunk | TextCompletion, A extends ChatCompletion | TextCompletion>(
    endpoint: Endpoint,
    actor: Actor,
    request: ChatRequest | CompletionRequest,
    options: GatewayCallOptions,
    open: (provider: LanguageModelProvider, body: ChatRequest | CompletionRequest, signal: AbortSignal) => AsyncIterable<C>,
    assembler: () => { add(chunk: C): void; result(): A; usage: Usage | undefined; textLength: number },
    replay: (answer: A, includeUsage: boolean) => C[],
    isUsageOnly: (chunk: C) => boolean,
  ): Promise<GatewayStream<C>> {
    const { state, headers } = await this.#begin(endpoint, actor, request, options, true);
    const plan = state.plan as CallPlan;
    const includeUsage = request.stream_options?.include_usage === true;
    const key = this.#cacheKeyFor(state);
    if (plan.route?.config.cache.enabled) headers['x-steward-cache'] = key ? 'miss' : 'bypass';
    if (key) {
      const cached = await this.#deps.cache.get(key).catch(() => undefined);
      if (cached !== undefined) {
        const answer = JSON.parse(cached) as A;
        headers['x-steward-cache'] = 'hit';
        const overheadMs = performance.now() - state.t0;
        this.#succeed(state, { target: undefined, body: answer, usage: answer.usage, cacheHit: true, attempts: [], overheadMs, ttftMs: overheadMs });
        return { chunks: fromArray(replay(answer, includeUsage)), traceId: state.traceId, headers, overheadMs, abort: () => {} };
      }
    }
    // Always ask for usage upstream: limits and traces need it even when the client did not ask.
    const upstreamRequest = { ...request, stream: true, stream_options: { ...request.stream_options, include_usage: true } };
    let run: TargetRun<{ iterator: AsyncIterator<C>; first: IteratorResult<C> }>;
    try {
      run = await runTargets(plan, this.#guardsFor(plan), options.signal, async (target, signal) => {
        const iterator = open(target.provider, this.#upstreamBody(state, upstreamRequest, target), signal)[Symbol.asyncIterator]();
        const first = await iterator.next();
        return { iterator, first };
      });
    } catch (error) {
      this.#fail(state, error, undefined);
      throw error;
    }
    const ttftMs = performance.now() - state.t0;
    const overheadMs = Math.max(0, ttftMs - run.upstreamMs - run.waitMs);
    const folded = assembler();
    const self = this;
    async function* chunks(): AsyncGenerator<C> {
      const { iterator, first } = run.value;
      let finished = false;
      let failure: unknown;
      try {
        let next = first;
        while (!next.done) {
          const chunk = next.value;
          folded.add(chunk);
          if (includeUsage) yield chunk;
          else if (!isUsageOnly(chunk)) yield 'usage' in chunk && chunk.usage ? ({ ...chunk, usage: undefined } as C) : chunk;
          next = await iterator.next();
        }
        finished = true;
      } catch (error) {
        failure = error;
        throw finalError(error, run.attempts);
      } finally {
        if (!finished) await iterator.return?.().catch(() => undefined);
        const answer = folded.result();
        const usage = folded.usage ?? estimateUsage(state.request, folded.textLength);
        if (finished) {
          run.release('ok');
          if (key) self.#background(self.#deps.cache.set(key, JSON.stringify({ ...answer, usage }), plan.route!.config.cache.ttlSeconds * 1000));
          self.#succeed(state, { target: run.target, body: answer, usage, cacheHit: false, attempts: run.attempts, overheadMs, ttftMs });
        } else {
          const clientGone = failure === undefined || options.signal?.aborted === true;
          run.release(clientGone ? 'ignored' : 'error');
          const error = clientGone
            ? Object.assign(new Error('the client closed the stream'), { traceCode: 'CLIENT_CLOSED', traceStatus: 499 })
            : finalError(failure, run.attempts);
          self.#fail(state, error, { target: run.target, body: answer, usage, attempts: run.attempts, ttftMs, overheadMs });
        }
      }
    }
    return { chunks: chunks(), traceId: state.traceId, headers, overheadMs, abort: (reason) => run.abort(reason) };
  }

  #guardsFor(plan: CallPlan): TargetGuards {
    if (!plan.route) return this.#guards;
    const route = plan.route.name;
    const project = plan.route.projectId;
    return { ...this.#guards, onFallback: () => this.#deps.metrics.fallbacks.inc({ project, route }) };
  }

  // ---- accounting and traces --------------------------------------------------------------------

  /** Accounts, measures and traces a successful call; returns its cost in USD. */
  #succeed(
    state: CallState,
    result: { target: PlannedTarget | undefined; body: ChatCompletion | TextCompletion | EmbeddingResult; usage: Usage | undefined; cacheHit: boolean; attempts: TraceRecord['attempts']; overheadMs: number; ttftMs: number | null },
  ): number {
    const latencyMs = performance.now() - state.t0;
    const tokensIn = result.usage?.prompt_tokens ?? 0;
    const tokensOut = result.usage?.completion_tokens ?? 0;
    const target = result.target;
    const cost = this.#settle(state, target, tokensIn, tokensOut, result.cacheHit);
    const routeLabel = state.plan?.route?.name ?? 'direct';
    const targetLabel = target?.label ?? 'cache';
    const { metrics } = this.#deps;
    const project = state.actor.projectId;
    metrics.requests.inc({ project, endpoint: state.endpoint, route: routeLabel, target: targetLabel, status: 'ok' });
    metrics.latency.observe({ project, endpoint: state.endpoint, route: routeLabel, target: targetLabel }, latencyMs / 1000);
    metrics.overhead.observe({ endpoint: state.endpoint }, result.overheadMs / 1000);
    if (result.ttftMs !== null) metrics.ttft.observe({ project, route: routeLabel, target: targetLabel }, result.ttftMs / 1000);
    if (tokensIn > 0) metrics.tokens.inc({ project, route: routeLabel, target: targetLabel, direction: 'input' }, tokensIn);
    if (tokensOut > 0) metrics.tokens.inc({ project, route: routeLabel, target: targetLabel, direction: 'output' }, tokensOut);
    if (cost > 0) metrics.cost.inc({ project, route: routeLabel, target: targetLabel }, cost);
    if (state.plan?.route?.config.cache.enabled) metrics.cacheHits.inc({ project, route: routeLabel, result: result.cacheHit ? 'hit' : 'miss' });
    const policy = this.#bodyPolicy(state.plan);
    this.#deps.traces.write({
      ...this.#traceBase(state, target),
      status: 'ok',
      httpStatus: 200,
      errorCode: null,
      errorMessage: null,
      cacheHit: result.cacheHit,
      tokensIn,
      tokensOut,
      costUsd: cost,
      ttftMs: result.ttftMs === null ? null : round(result.ttftMs),
      latencyMs: round(latencyMs),
      overheadMs: round(result.overheadMs),
      attempts: result.attempts,
      request: storedRequest(state.endpoint, state.request, policy, state.userPseudonym),
      response: storedResponse(state.endpoint, result.body, policy),
    });
    return cost;
  }

  #fail(
    state: CallState,
    error: unknown,
    partial: { target: PlannedTarget; body: ChatCompletion | TextCompletion; usage: Usage | undefined; attempts: TraceRecord['attempts']; ttftMs: number; overheadMs: number } | undefined,
  ): void {
    const latencyMs = performance.now() - state.t0;
    const steward = error instanceof StewardError ? error : undefined;
    const traced = error as { traceCode?: string; traceStatus?: number };
    const code = steward?.code ?? traced.traceCode ?? 'INTERNAL';
    const status = steward?.status ?? traced.traceStatus ?? 500;
    const routeLabel = state.plan?.route?.name ?? 'direct';
    const tokensIn = partial?.usage?.prompt_tokens ?? 0;
    const tokensOut = partial?.usage?.completion_tokens ?? 0;
    const target = partial?.target;
    const cost = this.#settle(state, target, tokensIn, tokensOut, false);
    const { metrics } = this.#deps;
    const project = state.actor.projectId;
    metrics.requests.inc({ project, endpoint: state.endpoint, route: routeLabel, target: target?.label ?? 'none', status: 'error' });
    metrics.errors.inc({ project, endpoint: state.endpoint, route: routeLabel, type: code.toLowerCase() });
    const policy = this.#bodyPolicy(state.plan);
    this.#deps.traces.write({
      ...this.#traceBase(state, target),
      status: 'error',
      httpStatus: status,
      errorCode: code,
      errorMessage: error instanceof Error ? error.message : String(error),
      cacheHit: false,
      tokensIn,
      tokensOut,
      costUsd: cost,
      ttftMs: partial ? round(partial.ttftMs) : null,
      latencyMs: round(latencyMs),
      overheadMs: partial ? round(partial.overheadMs) : null,
      attempts: partial?.attempts ?? attemptsOf(error) ?? [],
      request: storedRequest(state.endpoint, state.request, policy, state.userPseudonym),
      response: partial ? storedResponse(state.endpoint, partial.body, policy) : null,
    });
  }

  /** The settle step: prices the usage and releases the admission's reservation; returns the cost. */
  #settle(state: CallState, target: PlannedTarget | undefined, tokensIn: number, tokensOut: number, cacheHit: boolean): number {
    if (!state.meter) return 0;
    const { costUsd, settled } = state.meter.finish(target, tokensIn, tokensOut, cacheHit);
    this.#background(settled);
    return costUsd;
  }

  #traceBase(state: CallState, target: PlannedTarget | undefined) {
    return {
      id: state.traceId,
      projectId: state.actor.projectId,
      createdAt: Date.now(),
      endpoint: state.endpoint,
      surface: state.options.surface ?? null,
      requestedModel: state.requestedModel,
      route: state.plan?.route?.name ?? null,
      routeRevision: state.plan?.route?.revision ?? null,
      provider: target?.resolved.provider ?? null,
      model: target?.resolved.model ?? null,
      versionId: target?.resolved.versionId ?? null,
      promptVersionId: state.promptVersionId,
      stream: state.stream,
      keyId: state.actor.id,
      userPseudonym: state.userPseudonym,
      batchId: state.options.batchId ?? null,
    };
  }

  #background(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.#deps.onBackgroundError?.(error));
  }
}

/** Attempts carried on a failure thrown by runTargets. */
function attemptsOf(error: unknown): TraceRecord['attempts'] | undefined {
  const attempts = (error as { attempts?: unknown }).attempts;
  return Array.isArray(attempts) ? (attempts as TraceRecord['attempts']) : undefined;
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** About four characters per token, when the upstream reports no usage. */
function estimateUsage(request: CallState['request'], outputChars: number): Usage {
  const input = 'messages' in request ? JSON.stringify(request.messages).length : 'prompt' in request ? JSON.stringify(request.prompt).length : 0;
  const prompt = Math.ceil(input / 4);
  const completion = Math.ceil(outputChars / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
