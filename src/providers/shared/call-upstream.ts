// The one place that speaks HTTP to an upstream: timeouts linked to the caller's signal, errors
// turned into ProviderCallError (status, body, retry-after; connection failures and timeouts retryable).
import { type Dispatcher, request as undiciRequest } from 'undici';
import { ProviderCallError } from '../spec/index.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { type SseEvent, parseSse } from './sse-parse.js';
import { upstreamDispatcher } from './upstream-dispatcher.js';
import { upstreamErrorMessage } from './upstream-error-message.js';

/** One HTTP call to an upstream. */
export interface UpstreamRequest {
  /** The configured provider's name, for error messages. */
  provider: string;
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** The caller's signal (per-attempt timeout, client disconnect, shutdown). */
  signal: AbortSignal;
  /** Whole call for JSON; time until the response headers for a stream. */
  timeoutMs?: number;
  /** Longest silence allowed between two reads of a stream. */
  idleTimeoutMs?: number;
}

/**
 * Calls the upstream and returns its JSON body once `isExpected` accepts it.
 * @throws ProviderCallError on a non-2xx status, a connection failure, a timeout, an abort or a body of the wrong shape.
 */
export async function fetchJson<T>(request: UpstreamRequest, isExpected: (value: unknown) => value is T): Promise<T> {
  const deadline = new Deadline(request.signal);
  try {
    deadline.arm(request.timeoutMs);
    const response = await send(request, deadline.signal, 'application/json');
    const text = await response.body.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new ProviderCallError({
        provider: request.provider,
        url: request.url,
        message: `${request.provider} answered with a body that is not JSON`,
        responseBody: text.slice(0, 2000),
        cause,
      });
    }
    if (!isExpected(value)) {
      throw new ProviderCallError({
        provider: request.provider,
        url: request.url,
        message: `${request.provider} answered with an unexpected response shape`,
        responseBody: text.slice(0, 2000),
      });
    }
    return value;
  } catch (error) {
    throw asProviderCallError(error, request, deadline.signal, 'call');
  } finally {
    deadline.dispose();
  }
}

/**
 * Calls the upstream and yields its server-sent events as they arrive. Nothing is sent until the
 * first `next()`. A broken connection, a timeout or an abort mid-stream is thrown from the iterator
 * as a ProviderCallError; leaving the loop early closes the connection.
 */
export async function* fetchSse(request: UpstreamRequest): AsyncGenerator<SseEvent> {
  const deadline = new Deadline(request.signal);
  try {
    deadline.arm(request.timeoutMs);
    const response = await send(request, deadline.signal, 'text/event-stream');
    deadline.arm(request.idleTimeoutMs);
    yield* parseSse(readBody(response.body, () => deadline.arm(request.idleTimeoutMs)));
  } catch (error) {
    throw asProviderCallError(error, request, deadline.signal, 'stream');
  } finally {
    deadline.dispose();
  }
}

async function send(request: UpstreamRequest, signal: AbortSignal, accept: string): Promise<Dispatcher.ResponseData> {
  const headers: Record<string, string> = { accept, ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await undiciRequest(request.url, {
    method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal,
    dispatcher: upstreamDispatcher(),
  });
  if (response.statusCode >= 200 && response.statusCode < 300) return response;
  const body = await response.body.text().catch(() => '');
  throw new ProviderCallError({
    provider: request.provider,
    url: request.url,
    statusCode: response.statusCode,
    responseBody: body,
    retryAfterSeconds: parseRetryAfter(response.headers),
    message: `${request.provider} answered ${response.statusCode}: ${upstreamErrorMessage(body)}`,
  });
}

async function* readBody(body: Dispatcher.ResponseData['body'], onRead: () => void): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    for await (const chunk of body) {
      onRead();
      yield chunk as Buffer;
    }
    finished = true;
  } finally {
    // Leaving early (the client went, a stop) closes the upstream connection's stream.
    if (!finished) body.destroy();
  }
}

function asProviderCallError(
  error: unknown,
  request: UpstreamRequest,
  signal: AbortSignal,
  phase: 'call' | 'stream',
): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  const { provider, url } = request;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timeout = reason instanceof Error && reason.name === 'TimeoutError';
    const what = reason instanceof Error ? reason.message : String(reason);
    return new ProviderCallError({
      provider,
      url,
      timeout,
      message: timeout ? `${provider} timed out: ${what}` : `${provider} ${phase} aborted: ${what}`,
      cause: reason,
    });
  }
  return new ProviderCallError({
    provider,
    url,
    message: `${provider} ${phase === 'call' ? 'connection failed' : 'stream broke'}: ${describe(error)}`,
    cause: error,
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** An abort signal that follows the caller's and adds our own re-armable timer. */
class Deadline {
  readonly #controller = new AbortController();
  readonly #parent: AbortSignal;
  readonly #onParentAbort = (): void => this.#controller.abort(this.#parent.reason);
  #timer: NodeJS.Timeout | undefined;

  constructor(parent: AbortSignal) {
    this.#parent = parent;
    if (parent.aborted) this.#controller.abort(parent.reason);
    else parent.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  arm(ms: number | undefined): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (ms === undefined || this.#controller.signal.aborted) return;
    this.#timer = setTimeout(
      () => this.#controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')),
      ms,
    );
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#parent.removeEventListener('abort', this.#onParentAbort);
  }
}
