// The public shape of one gateway call: what a caller passes, and what a finished call or an open
// stream hands back to the HTTP layer or an in-process caller.
import type { TraceSurfaceInfo } from '../../monitoring/traces/index.js';
import type { ChatChunk, ChatCompletion, ChatRequest, LanguageModelProvider } from '../../providers/spec/index.js';
import type { CallOutcome } from './call-outcome.js';

/** The caller's wish about the response cache: `bypass` neither reads nor writes it. */
export type CacheDirective = 'default' | 'bypass';

/** Options of one gateway call. */
export interface GatewayCallOptions {
  /** Aborts the call (client disconnect, caller's deadline). */
  signal?: AbortSignal;
  /** Use this trace id (the HTTP layer announces it before the call). */
  traceId?: string;
  /** `bypass` skips the response cache. */
  cache?: CacheDirective;
  /** Prompt version behind this request, recorded on the trace. */
  promptVersionId?: string;
  /** Batch this request belongs to, recorded on the trace. */
  batchId?: string;
  /** The API surface the call came in on (Responses, Messages), recorded on the trace. */
  surface?: TraceSurfaceInfo;
  /**
   * Replaces the provider call of a chat call per target, for a surface that passes some providers
   * through natively (the Responses API to an upstream's own /responses); undefined makes the normal call.
   * Everything around the call (plan, admission, retries, fallbacks, cache, trace) stays the gateway's.
   */
  upstream?: {
    chat?(provider: LanguageModelProvider, request: ChatRequest, signal: AbortSignal): Promise<ChatCompletion> | undefined;
    streamChat?(provider: LanguageModelProvider, request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk> | undefined;
  };
  /** Start of the request in performance.now() time (defaults to the call). */
  startedAt?: number;
}

/** A finished call with what the HTTP layer needs to answer. */
export interface GatewayResponse<T> {
  body: T;
  traceId: string;
  /** Limits, cache and deprecation, as values (the HTTP layer makes headers of them). */
  outcome: CallOutcome;
  /** Time the gateway itself spent (total minus upstream and waits), ms. */
  overheadMs: number;
  /** What the call cost in USD by the price table (0 when answered from the cache or unpriced). */
  costUsd: number;
}

/** An open stream: the first chunk has arrived (failures before it fell back or were thrown). */
export interface GatewayStream<T> {
  chunks: AsyncIterable<T>;
  traceId: string;
  outcome: CallOutcome;
  overheadMs: number;
  /** Stops the stream (client gone). */
  abort(reason?: unknown): void;
}
