// The HTTP machinery every cloud stand-in shares: a node:http server on 127.0.0.1 (port 0) that
// records requests and can be told to fail, hang, slow down or break a stream mid-way.
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers the next requests. */
export type StandInBehaviour =
  /** Answer normally from the recorded fixtures. */
  | { mode: 'ok' }
  /** Answer with this status and the family's error body (or `body`), with an optional `retry-after`. */
  | { mode: 'fail'; status: number; retryAfter?: string; body?: unknown }
  /** Read the request and never answer (for timeouts and aborts). */
  | { mode: 'hang' }
  /** Send `afterEvents` stream events (a non-streamed answer: half its body), then destroy the socket. */
  | { mode: 'close-mid-stream'; afterEvents?: number }
  /** Send `afterEvents` stream events, then end the response cleanly without the final event. */
  | { mode: 'truncate'; afterEvents?: number }
  /** Send `afterEvents` stream events, then the family's in-stream error event, then end. */
  | { mode: 'error-event'; afterEvents?: number }
  /** Wait `delayMs` before the answer and between stream events. */
  | { mode: 'slow'; delayMs: number }
  /** Hold the answer until `until` settles (a test releases the requests it has seen arrive). */
  | { mode: 'hold'; until: Promise<void> };

/** A request as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
}

/** One server-sent event the stand-in writes. */
export interface OutgoingEvent {
  event?: string;
  data: string;
}

/** What a family's router answers to a request. */
export type StandInReply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'sse'; events: OutgoingEvent[] };

/** What each family supplies to the shared server. */
export interface StandInFamily {
  /** The path prefix clients put in their base URL (`/v1`, `/v1beta` or ``). */
  basePath: string;
  route(request: RecordedRequest): StandInReply;
  /** The family's error body for a status. */
  errorBody(status: number, message: string): unknown;
  /** The family's in-stream error event. */
  errorEvent(): OutgoingEvent;
  /** True when the request carries the expected key. */
  isAuthorised(request: RecordedRequest, apiKey: string): boolean;
}

/** Options every stand-in accepts. */
export interface StandInOptions {
  /** When set, requests without this key get the family's 401. */
  apiKey?: string;
  /** Initial behaviour (default `{ mode: 'ok' }`). */
  behaviour?: StandInBehaviour;
}

/** A running stand-in. */
export interface StandIn {
  /** The base URL to configure a provider with (includes the family's path prefix). */
  url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Changes how the next requests are answered; after `times` requests it returns to `ok`. */
  setBehaviour(behaviour: StandInBehaviour, options?: { times?: number }): void;
  close(): Promise<void>;
}

export async function startStandIn(family: StandInFamily, options: StandInOptions = {}): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  let behaviour: StandInBehaviour = options.behaviour ?? { mode: 'ok' };
  let remaining = Number.POSITIVE_INFINITY;

  function nextBehaviour(): StandInBehaviour {
    const current = behaviour;
    remaining -= 1;
    if (remaining <= 0) {
      behaviour = { mode: 'ok' };
      remaining = Number.POSITIVE_INFINITY;
    }
    return current;
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(family.errorBody(500, String(error))));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await record(req);
    requests.push(request);
    const current = nextBehaviour();
    if (options.apiKey !== undefined && !family.isAuthorised(request, options.apiKey)) {
      return sendJson(res, 401, family.errorBody(401, 'invalid api key'));
    }
    if (current.mode === 'hang') return;
    if (current.mode === 'fail') {
      const headers: Record<string, string> = current.retryAfter === undefined ? {} : { 'retry-after': current.retryAfter };
      return sendJson(res, current.status, current.body ?? family.errorBody(current.status, `stand-in failure ${current.status}`), headers);
    }
    if (current.mode === 'hold') await current.until;
    const delayMs = current.mode === 'slow' ? current.delayMs : 0;
    await sleep(delayMs);
    const reply = family.route(request);
    if (reply.kind === 'json') {
      const status = reply.status ?? 200;
      if (current.mode === 'close-mid-stream') {
        const text = JSON.stringify(reply.body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        res.socket?.destroy();
        return;
      }
      return sendJson(res, status, reply.body, reply.headers);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': stand-in stream\n\n');
    const limit =
      current.mode === 'close-mid-stream' || current.mode === 'error-event' || current.mode === 'truncate'
        ? (current.afterEvents ?? 1)
        : Number.POSITIVE_INFINITY;
    let sent = 0;
    for (const event of reply.events) {
      if (sent >= limit) break;
      if (delayMs > 0) await sleep(delayMs);
      if (res.destroyed) return;
      res.write(formatEvent(event));
      sent += 1;
    }
    if (current.mode === 'close-mid-stream') {
      // Let the written events reach the client before the connection breaks.
      await sleep(20);
      res.socket?.destroy();
      return;
    }
    if (current.mode === 'error-event') res.write(formatEvent(family.errorEvent()));
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${family.basePath}`,
    requests,
    setBehaviour(next, setOptions = {}) {
      behaviour = next;
      remaining = setOptions.times ?? Number.POSITIVE_INFINITY;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://stand-in');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function formatEvent(event: OutgoingEvent): string {
  const name = event.event === undefined ? '' : `event: ${event.event}\n`;
  return `${name}${event.data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A body field as a record, for the routers. */
export function bodyOf(request: RecordedRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
}
