// The data plane's face: chat, completions and embeddings, unary or streamed, for the HTTP layer
// and in-process callers (evaluations, augmentation, batches). Each method only names its
// endpoint's provider call; the stages live in ./pipeline and the accounting in ./observe.
import { StewardError } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import type { TraceWriter } from '../monitoring/traces/index.js';
import type { Pseudonymiser } from '../privacy/index.js';
import type {
  ChatCallRequest,
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  CompletionRequest,
  EmbeddingRequest,
  EmbeddingResult,
  TextCompletion,
} from '../providers/spec/index.js';
import type { GatewayCallOptions, GatewayResponse, GatewayStream } from './call/call-options.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { GatewaySettings } from './gateway-settings.js';
import type { KeyLimits } from './limits/key-limits.js';
import type { LimitEnforcer } from './limits/limit-enforcer.js';
import { Metering } from './limits/metering.js';
import type { PriceTable } from './limits/price-table.js';
import type { CallObserver } from './observe/call-observer.js';
import { SettlementObserver } from './observe/settlement-observer.js';
import { TraceObserver } from './observe/trace-observer.js';
import type { PromptRenderer } from './pipeline/bind-prompt.js';
import { CacheStage } from './pipeline/cache-stage.js';
import { CallPipeline } from './pipeline/call-pipeline.js';
import type { CallPlanner } from './pipeline/call-plan.js';
import type { StreamSpec } from './pipeline/stream-fold.js';
import { CircuitBreaker } from './resilience/circuit-breaker.js';
import { ConcurrencyGate } from './resilience/concurrency-gate.js';
import { GuardMap } from './resilience/guard-map.js';
import { ChatStreamAssembler, TextStreamAssembler, chatCompletionToChunks, textCompletionToChunks } from './stream-assembly.js';

export type { GatewayCallOptions, GatewayResponse, GatewayStream } from './call/call-options.js';

export interface GatewayDeps {
  planner: CallPlanner;
  /** Renders a route's bound prompt (the prompt service). */
  prompts?: PromptRenderer;
  limits: LimitEnforcer;
  keyLimits: KeyLimits;
  prices: PriceTable;
  cache: ResponseCache;
  traces: TraceWriter;
  /** More observers of finished calls (the server's Prometheus metrics), after traces and settlement. */
  observers?: readonly CallObserver[];
  settings: GatewaySettings;
  pseudonymiser: Pseudonymiser;
  /** Called with errors of background work (accounting, cache writes). */
  onBackgroundError?: (error: unknown) => void;
  /** The circuit breakers' clock (tests inject one instead of sleeping through `openMs`). */
  now?: () => number;
}

/** Load of one target's concurrency gate, for the queue-depth and in-flight gauges. */
export interface TargetStats {
  target: string;
  queued: number;
  active: number;
}

const CHAT_STREAM: StreamSpec<ChatChunk, ChatCompletion> = {
  open: (provider, body, signal) => provider.streamChat(body as ChatRequest, { signal }),
  assembler: () => new ChatStreamAssembler(),
  replay: chatCompletionToChunks,
  isUsageOnly: (chunk) => chunk.choices.length === 0,
};

const TEXT_STREAM: StreamSpec<TextCompletion, TextCompletion> = {
  open: (provider, body, signal) => provider.streamComplete(body as CompletionRequest, { signal }),
  assembler: () => new TextStreamAssembler(),
  replay: textCompletionToChunks,
  isUsageOnly: (chunk) => chunk.choices.length === 0,
};

const chatUsage = (answer: ChatCompletion) => answer.usage;
const textUsage = (answer: TextCompletion) => answer.usage;
const embeddingUsage = (answer: EmbeddingResult) => ({ prompt_tokens: answer.usage.prompt_tokens, completion_tokens: 0, total_tokens: answer.usage.total_tokens });
const callComplete = (provider: { complete(r: CompletionRequest, o: { signal: AbortSignal }): Promise<TextCompletion> }, body: CompletionRequest, signal: AbortSignal) =>
  provider.complete({ ...body, stream: false }, { signal });

export class Gateway {
  readonly #pipeline: CallPipeline;
  readonly #breakers: GuardMap<CircuitBreaker>;
  readonly #gates: GuardMap<ConcurrencyGate>;

  constructor(deps: GatewayDeps) {
    const { settings } = deps;
    const onError = (error: unknown) => deps.onBackgroundError?.(error);
    this.#breakers = new GuardMap({
      create: () => new CircuitBreaker(deps.now ? { ...settings.circuitBreaker, now: deps.now } : settings.circuitBreaker),
      isIdle: (breaker) => breaker.idle,
    });
    this.#gates = new GuardMap({
      create: () => new ConcurrencyGate({ limit: settings.concurrency.perTarget, maxQueue: settings.concurrency.maxQueue }),
      isIdle: (gate) => gate.active === 0 && gate.queued === 0,
    });
    this.#pipeline = new CallPipeline({
      planner: deps.planner,
      prompts: deps.prompts,
      metering: new Metering({ limits: deps.limits, prices: deps.prices, settings: settings.limits }),
      keyLimits: deps.keyLimits,
      cache: new CacheStage(deps.cache, onError),
      pseudonymiser: deps.pseudonymiser,
      guards: { breaker: (label) => this.#breakers.get(label), gate: (label) => this.#gates.get(label) },
      observers: [new SettlementObserver(onError), new TraceObserver({ traces: deps.traces, storeBodies: settings.traces.storeBodies }), ...(deps.observers ?? [])],
    });
  }

  /** The planner, to resolve model names (GET /v1/models, batches). */
  get planner(): CallPlanner {
    return this.#pipeline.planner;
  }

  /** Circuit state of every target seen so far. */
  circuits(): { target: string; state: string }[] {
    return [...this.#breakers.entries()].map(([target, breaker]) => ({ target, state: breaker.state }));
  }

  /** Queue depth and calls in flight per target (read by the metrics at scrape time). */
  targetStats(): TargetStats[] {
    return [...this.#gates.entries()].map(([target, gate]) => ({ target, queued: gate.queued, active: gate.active }));
  }

  // ---- in-process API: answers only -----------------------------------------------------------

  /** A chat completion through routing, the route's prompt, limits, cache and tracing. */
  async chat(actor: Actor, request: ChatCallRequest, options: GatewayCallOptions = {}): Promise<ChatCompletion> {
    return (await this.chatCall(actor, request, options)).body;
  }

  /** A streamed chat completion; the iterable throws a GatewayCallError if the stream fails mid-way. */
  async *streamChat(actor: Actor, request: ChatCallRequest, options: GatewayCallOptions = {}): AsyncGenerator<ChatChunk> {
    yield* (await this.chatStream(actor, request, options)).chunks;
  }

  async complete(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<TextCompletion> {
    return (await this.completionCall(actor, request, options)).body;
  }

  async embed(actor: Actor, request: EmbeddingRequest, options: GatewayCallOptions = {}): Promise<EmbeddingResult> {
    return (await this.embeddingCall(actor, request, options)).body;
  }

  // ---- calls with their outcome (the HTTP layer, surfaces, batches) ---------------------------

  /** @throws GatewayCallError */
  chatCall(actor: Actor, request: ChatCallRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<ChatCompletion>> {
    const upstream = options.upstream?.chat;
    return this.#pipeline.unary<ChatRequest, ChatCompletion>(
      'chat',
      actor,
      request,
      options,
      upstream ? (provider, body, signal) => upstream(provider, body, signal) ?? provider.chat({ ...body, stream: false }, { signal }) : (provider, body, signal) => provider.chat({ ...body, stream: false }, { signal }),
      chatUsage,
    );
  }

  /** @throws GatewayCallError */
  completionCall(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<TextCompletion>> {
    return this.#pipeline.unary('completions', actor, request, options, callComplete, textUsage);
  }

  /** @throws GatewayCallError */
  embeddingCall(actor: Actor, request: EmbeddingRequest, options: GatewayCallOptions = {}): Promise<GatewayResponse<EmbeddingResult>> {
    return this.#pipeline.unary<EmbeddingRequest, EmbeddingResult>(
      'embeddings',
      actor,
      request,
      options,
      (provider, body, signal) => {
        if (!provider.embed) {
          throw new StewardError({ code: 'UNSUPPORTED_PARAMETER', message: `provider ${provider.name} has no embeddings endpoint`, details: { param: 'model' } });
        }
        return provider.embed(body, { signal });
      },
      embeddingUsage,
    );
  }

  /** An open chat stream (its first chunk has arrived). @throws GatewayCallError */
  chatStream(actor: Actor, request: ChatCallRequest, options: GatewayCallOptions = {}): Promise<GatewayStream<ChatChunk>> {
    const upstream = options.upstream?.streamChat;
    const spec: StreamSpec<ChatChunk, ChatCompletion> = upstream
      ? { ...CHAT_STREAM, open: (provider, body, signal) => upstream(provider, body as ChatRequest, signal) ?? provider.streamChat(body as ChatRequest, { signal }) }
      : CHAT_STREAM;
    return this.#pipeline.stream('chat', actor, request, options, spec);
  }

  /** An open text-completion stream. @throws GatewayCallError */
  completionStream(actor: Actor, request: CompletionRequest, options: GatewayCallOptions = {}): Promise<GatewayStream<TextCompletion>> {
    return this.#pipeline.stream('completions', actor, request, options, TEXT_STREAM);
  }
}
