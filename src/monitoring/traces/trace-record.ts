// One gateway request as it is recorded: route, target, attempts, tokens, cost, timings, cache,
// caller and bodies. The gateway builds it; the writer stores it off the request path.

export const TRACE_STATUSES = ['ok', 'error'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export const TRACE_ENDPOINTS = ['chat', 'completions', 'embeddings'] as const;
export type TraceEndpoint = (typeof TRACE_ENDPOINTS)[number];

/**
 * The API surface a call came in on when it is not the endpoint's own (`/v1/responses` runs as a chat
 * call), and whether it was translated to chat completions or passed through natively.
 */
export const TRACE_SURFACES = ['responses', 'messages'] as const;
export type TraceSurface = (typeof TRACE_SURFACES)[number];
export interface TraceSurfaceInfo {
  name: TraceSurface;
  translated: boolean;
}

/** One call to one upstream target. */
export interface TraceAttempt {
  provider: string;
  model: string;
  /** Upstream HTTP status, 200 on success, null for connection errors, timeouts or skipped targets. */
  status: number | null;
  latencyMs: number;
  error: string | null;
  /** `error`, `timeout`, `circuit-open`, `queue-full` or null. */
  outcome: 'ok' | 'error' | 'timeout' | 'circuit-open' | 'queue-full' | 'aborted';
  /** A stream that broke mid-way and was continued on the next target: characters of text it had sent. */
  splicedAtChars?: number;
}

export interface TraceRecord {
  id: string;
  projectId: string | null;
  createdAt: number;
  endpoint: TraceEndpoint;
  /** Null for calls made on the endpoint itself; absent in records journalled before surfaces existed. */
  surface?: TraceSurfaceInfo | null;
  requestedModel: string;
  route: string | null;
  routeRevision: number | null;
  provider: string | null;
  model: string | null;
  versionId: string | null;
  promptVersionId: string | null;
  status: TraceStatus;
  httpStatus: number;
  errorCode: string | null;
  errorMessage: string | null;
  stream: boolean;
  cacheHit: boolean;
  keyId: string | null;
  userPseudonym: string | null;
  batchId: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  ttftMs: number | null;
  latencyMs: number;
  overheadMs: number | null;
  attempts: TraceAttempt[];
  request: unknown;
  response: unknown;
}
