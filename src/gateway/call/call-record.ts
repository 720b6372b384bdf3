// One finished gateway call as its observers receive it, ok or failed: who called what, the plan,
// the target that answered, usage and cost, timings, attempts and the failure. Built once per call.
import type { Actor } from '../../governance/index.js';
import type { TraceAttempt, TraceEndpoint, TraceSurfaceInfo } from '../../monitoring/traces/index.js';
import type { ChatCompletion, ChatRequest, CompletionRequest, EmbeddingRequest, EmbeddingResult, TextCompletion } from '../../providers/spec/index.js';
import type { Meter } from '../limits/metering.js';
import type { CallPlan, PlannedTarget } from '../pipeline/call-plan.js';
import type { GatewayCallError } from './gateway-call-error.js';

export type CallRequest = ChatRequest | CompletionRequest | EmbeddingRequest;
export type CallAnswer = ChatCompletion | TextCompletion | EmbeddingResult;

export interface CallRecord {
  traceId: string;
  endpoint: TraceEndpoint;
  surface: TraceSurfaceInfo | null;
  actor: Actor;
  requestedModel: string;
  /** The request as bound (route prompt rendered), before per-target parameters. */
  request: CallRequest;
  stream: boolean;
  promptVersionId: string | null;
  batchId: string | null;
  userPseudonym: string | null;
  /** Undefined when the call failed before it was planned. */
  plan: CallPlan | undefined;
  /** The call's admission, settled by the settlement observer; undefined when it failed before. */
  meter: Meter | undefined;
  /** The target that answered (or broke mid-stream); undefined for cache hits and early failures. */
  target: PlannedTarget | undefined;
  /** The answer (a broken stream's partial answer); undefined when there is none. */
  answer: CallAnswer | undefined;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  cacheHit: boolean;
  attempts: readonly TraceAttempt[];
  latencyMs: number;
  overheadMs: number | null;
  ttftMs: number | null;
  /** Undefined when the call succeeded. */
  error: GatewayCallError | undefined;
  /** Epoch milliseconds at the end of the call. */
  endedAt: number;
}
