// The transport-free pipeline every gateway call runs: plan (route, targets, deprecation) → bind the
// route's prompt → admit against limits → cache → run targets (retries, fallbacks, breakers, gates)
// → fold the stream; then every observer receives one CallRecord. The Gateway facade only picks the
// endpoint's provider call.
import type { Actor } from '../../governance/index.js';
import type { TraceAttempt, TraceEndpoint } from '../../monitoring/traces/index.js';
import type { Pseudonymiser } from '../../privacy/index.js';
import type { ChatCallRequest, ChatChunk, ChatCompletion, ChatRequest, CompletionRequest, LanguageModelProvider, TextCompletion, Usage } from '../../providers/spec/index.js';
import { newId } from '../../store/index.js';
import type { GatewayCallOptions, GatewayResponse, GatewayStream } from '../call/call-options.js';
import type { CallOutcome } from '../call/call-outcome.js';
import type { CallAnswer, CallRecord, CallRequest } from '../call/call-record.js';
import { GatewayCallError } from '../call/gateway-call-error.js';
import type { KeyLimits } from '../limits/key-limits.js';
import type { Meter, Metering } from '../limits/metering.js';
import type { CallObserver } from '../observe/call-observer.js';
import { type TargetGuards, type TargetRun, runTargets } from '../resilience/run-targets.js';
import { redactUpstream } from '../tracing/trace-bodies.js';
import { admit } from './admit.js';
import { type PromptRenderer, bindPrompt } from './bind-prompt.js';
import type { CacheSlot, CacheStage } from './cache-stage.js';
import type { CallPlan, CallPlanner, PlannedTarget } from './call-plan.js';
import { type OpenStream, type Resumed, StreamFold, type StreamSpec, continuationRequest, estimateUsage, fromArray, openFirst, spliceChunks } from './stream-fold.js';

export interface CallPipelineDeps {
  planner: CallPlanner;
  /** Renders routes' prompts; without it a prompt-bound route is called with the request as sent. */
  prompts: PromptRenderer | undefined;
  metering: Metering;
  keyLimits: KeyLimits;
  cache: CacheStage;
  pseudonymiser: Pseudonymiser;
  guards: TargetGuards;
  observers: readonly CallObserver[];
}

/** One call on its way through the stages. */
interface CallState {
  endpoint: TraceEndpoint;
  actor: Actor;
  requestedModel: string;
  traceId: string;
  t0: number;
  options: GatewayCallOptions;
  stream: boolean;
  /** As bound: the route's prompt rendered in. */
  request: CallRequest;
  userPseudonym: string | null;
  promptVersionId: string | null;
  plan: CallPlan | undefined;
  meter: Meter | undefined;
}

/** How a call ended, for its record. */
interface Ending {
  target: PlannedTarget | undefined;
  answer: CallAnswer | undefined;
  usage: Usage | undefined;
  cacheHit: boolean;
  attempts: readonly TraceAttempt[];
  overheadMs: number | null;
  ttftMs: number | null;
  error: GatewayCallError | undefined;
}

/** One endpoint's provider call for a target. */
export type ProviderCall<R, T> = (provider: LanguageModelProvider, body: R, signal: AbortSignal) => Promise<T>;

const NO_ATTEMPTS: readonly TraceAttempt[] = Object.freeze([]);

export class CallPipeline {
  readonly #deps: CallPipelineDeps;

  constructor(deps: CallPipelineDeps) {
    this.#deps = deps;
  }

  get planner(): CallPlanner {
    return this.#deps.planner;
  }

  async unary<R extends CallRequest, T extends CallAnswer>(
    endpoint: TraceEndpoint,
    actor: Actor,
    request: R | ChatCallRequest,
    options: GatewayCallOptions,
    call: ProviderCall<R, T>,
    usageOf: (answer: T) => Usage | undefined,
  ): Promise<GatewayResponse<T>> {
    const state = await this.#begin(endpoint, actor, request, options, false);
    const plan = state.plan as CallPlan;
    const slot = this.#deps.cache.slot(endpoint, plan, state.request, options.cache);
    const cached = await this.#deps.cache.lookup<T>(slot);
    if (cached !== undefined) {
      const overheadMs = performance.now() - state.t0;
      const costUsd = this.#end(state, { target: undefined, answer: cached, usage: usageOf(cached), cacheHit: true, attempts: NO_ATTEMPTS, overheadMs, ttftMs: null, error: undefined });
      return { body: cached, traceId: state.traceId, outcome: outcomeOf(state, slot), overheadMs, costUsd };
    }
    let run: TargetRun<T>;
    try {
      run = await runTargets(plan, this.#deps.guards, options.signal, (target, signal) => call(target.provider, this.#upstreamBody(state, state.request as R, target), signal));
    } catch (error) {
      throw this.#fail(state, error);
    }
    run.release('ok');
    const body = run.value;
    const overheadMs = Math.max(0, performance.now() - state.t0 - run.upstreamMs - run.waitMs);
    this.#deps.cache.store(slot, body);
    const costUsd = this.#end(state, { target: run.target, answer: body, usage: usageOf(body), cacheHit: false, attempts: run.attempts, overheadMs, ttftMs: null, error: undefined });
    return { body, traceId: state.traceId, outcome: outcomeOf(state, slot), overheadMs, costUsd };
  }

  async stream<C, A extends ChatCompletion | TextCompletion>(
    endpoint: 'chat' | 'completions',
    actor: Actor,
    request: ChatCallRequest | CompletionRequest,
    options: GatewayCallOptions,
    spec: StreamSpec<C, A>,
  ): Promise<GatewayStream<C>> {
    const state = await this.#begin(endpoint, actor, request, options, true);
    const plan = state.plan as CallPlan;
    const bound = state.request as ChatRequest | CompletionRequest;
    const includeUsage = bound.stream_options?.include_usage === true;
    const slot = this.#deps.cache.slot(endpoint, plan, bound, options.cache);
    const cached = await this.#deps.cache.lookup<A>(slot);
    if (cached !== undefined) {
      const overheadMs = performance.now() - state.t0;
      this.#end(state, { target: undefined, answer: cached, usage: cached.usage, cacheHit: true, attempts: NO_ATTEMPTS, overheadMs, ttftMs: overheadMs, error: undefined });
      return { chunks: fromArray(spec.replay(cached, includeUsage)), traceId: state.traceId, outcome: outcomeOf(state, slot), overheadMs, abort: () => {} };
    }
    // Always ask for usage upstream: limits and traces need it even when the client did not ask.
    const upstreamRequest = { ...bound, stream: true, stream_options: { ...bound.stream_options, include_usage: true } };
    const open = (body: ChatRequest | CompletionRequest) => (target: PlannedTarget, signal: AbortSignal) => openFirst(spec.open(target.provider, this.#upstreamBody(state, body, target), signal));
    let run: TargetRun<OpenStream<C>>;
    try {
      run = await runTargets(plan, this.#deps.guards, options.signal, open(upstreamRequest));
    } catch (error) {
      throw this.#fail(state, error);
    }
    const ttftMs = performance.now() - state.t0;
    const overheadMs = Math.max(0, ttftMs - run.upstreamMs - run.waitMs);
    const fold = new StreamFold<C, A>({
      spec,
      run,
      includeUsage,
      clientSignal: options.signal,
      estimateUsage: (chars) => estimateUsage(bound, chars),
      resume: (error, partial, broken) => this.#resume(state, upstreamRequest, partial, broken, error, open) as Promise<Resumed<C> | undefined>,
      ended: (end) => {
        if (!end.error) this.#deps.cache.store(slot, { ...end.answer, usage: end.usage } as CallAnswer);
        this.#end(state, { target: end.run.target, answer: end.answer as CallAnswer, usage: end.usage, cacheHit: false, attempts: end.run.attempts, overheadMs, ttftMs, error: end.error });
      },
    });
    return { chunks: fold.chunks(), traceId: state.traceId, outcome: outcomeOf(state, slot), overheadMs, abort: (reason) => fold.abort(reason) };
  }

  /**
   * Mid-stream failover: a chat stream that broke after some text, on a route with
   * `failover.midStream: 'continue'`, goes on on the next targets with the text so far as the
   * assistant's prefix. The broken attempt records where it was spliced.
   */
  async #resume<C>(
    state: CallState,
    request: ChatRequest | CompletionRequest,
    partial: unknown,
    broken: TargetRun<OpenStream<C>>,
    error: unknown,
    open: (body: ChatRequest | CompletionRequest) => (target: PlannedTarget, signal: AbortSignal) => Promise<OpenStream<C>>,
  ): Promise<Resumed<ChatChunk> | undefined> {
    const plan = state.plan as CallPlan;
    if (plan.midStream !== 'continue' || state.endpoint !== 'chat' || state.options.signal?.aborted) return undefined;
    const answer = partial as ChatCompletion;
    const next = continuationRequest(request as ChatRequest, answer);
    const rest = plan.targets.slice(plan.targets.indexOf(broken.target) + 1);
    if (!next || rest.length === 0) return undefined;
    const attempts = broken.attempts;
    const last = attempts.at(-1);
    if (last) attempts[attempts.length - 1] = { ...last, outcome: 'error', error: error instanceof Error ? error.message : String(error), splicedAtChars: answer.choices[0].message.content?.length ?? 0 };
    broken.release('error');
    const run = await runTargets(plan, this.#deps.guards, state.options.signal, open(next), { targets: rest, attempts });
    return { run: run as unknown as TargetRun<OpenStream<ChatChunk>>, splice: spliceChunks(answer) };
  }

  /** Plan, bind and admit; a failure here is traced and thrown as a GatewayCallError. */
  async #begin(endpoint: TraceEndpoint, actor: Actor, request: CallRequest | ChatCallRequest, options: GatewayCallOptions, stream: boolean): Promise<CallState> {
    const user = 'user' in request ? request.user : undefined;
    const state: CallState = {
      endpoint,
      actor,
      requestedModel: request.model,
      traceId: options.traceId ?? newId('trace'),
      t0: options.startedAt ?? performance.now(),
      options,
      stream,
      request: request as CallRequest,
      userPseudonym: user ? this.#deps.pseudonymiser.pseudonymise(user) : null,
      promptVersionId: options.promptVersionId ?? null,
      plan: undefined,
      meter: undefined,
    };
    try {
      const plan = await this.#deps.planner.plan(request.model, { projectId: actor.projectId, user, keyId: actor.id });
      state.plan = plan;
      // A caller that rendered a prompt itself says so with its version; everyone else is bound here.
      if (endpoint === 'chat' && options.promptVersionId === undefined) {
        const bound = await bindPrompt(plan, request as ChatCallRequest, this.#deps.prompts);
        state.request = bound.request;
        if (bound.promptVersionId !== undefined) state.promptVersionId = bound.promptVersionId;
      }
      state.meter = await admit(this.#deps.metering, this.#deps.keyLimits, actor, plan, state.request);
      return state;
    } catch (error) {
      throw this.#fail(state, error);
    }
  }

  #upstreamBody<R extends CallRequest>(state: CallState, request: R, target: PlannedTarget): R {
    let body = request;
    if (state.plan?.route?.config.privacy.redactUpstream) {
      body = redactUpstream(state.endpoint, body);
      if ('user' in body && body.user !== undefined) body = { ...body, user: state.userPseudonym ?? undefined };
    }
    return target.params ? ({ ...target.params, ...body, model: target.resolved.model } as R) : ({ ...body, model: target.resolved.model } as R);
  }

  #fail(state: CallState, error: unknown): GatewayCallError {
    const failure = GatewayCallError.from(error);
    this.#end(state, { target: undefined, answer: undefined, usage: undefined, cacheHit: false, attempts: failure.attempts, overheadMs: null, ttftMs: null, error: failure });
    return failure;
  }

  /** Builds the call's one record, prices it and tells every observer; returns the cost in USD. */
  #end(state: CallState, ending: Ending): number {
    const tokensIn = ending.usage?.prompt_tokens ?? 0;
    const tokensOut = ending.usage?.completion_tokens ?? 0;
    const costUsd = state.meter ? state.meter.price(ending.target, tokensIn, tokensOut, ending.cacheHit) : 0;
    const record: CallRecord = {
      traceId: state.traceId,
      endpoint: state.endpoint,
      surface: state.options.surface ?? null,
      actor: state.actor,
      requestedModel: state.requestedModel,
      request: state.request,
      stream: state.stream,
      promptVersionId: state.promptVersionId,
      batchId: state.options.batchId ?? null,
      userPseudonym: state.userPseudonym,
      plan: state.plan,
      meter: state.meter,
      target: ending.target,
      answer: ending.answer,
      tokensIn,
      tokensOut,
      costUsd,
      cacheHit: ending.cacheHit,
      attempts: ending.attempts,
      latencyMs: performance.now() - state.t0,
      overheadMs: ending.overheadMs,
      ttftMs: ending.ttftMs,
      error: ending.error,
      endedAt: Date.now(),
    };
    for (const observer of this.#deps.observers) observer.called(record);
    return costUsd;
  }
}

function outcomeOf(state: CallState, slot: CacheSlot): CallOutcome {
  return { limits: state.meter?.limits, cache: slot.outcome, deprecation: state.plan?.deprecation };
}

