// The client: one typed method per HTTP verb over every path of Steward's OpenAPI document, which
// answers the response body or throws a StewardApiError; cursor pages as async iterators.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi-types.js';
import { type PagedPath, type PageOf, paginateItems, paginatePages } from './paginate.js';
import { type RetryOptions, parseRetryAfter, retryingFetch } from './retry-policy.js';
import { type Sleep, abortableSleep } from './sleep.js';
import type { CallInit, CallInitParam, StewardMethod } from './api-types.js';
import { StewardApiError, StewardConnectionError } from './steward-api-error.js';

export interface StewardClientOptions {
  /** Where Steward listens, e.g. `http://127.0.0.1:7400` (no trailing `/api`). */
  baseUrl: string;
  /** An API key (`sk-stw-…`), sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** Retries of 429 and 503 answers (default: 2 retries honouring `retry-after`); `false` for none. */
  retry?: RetryOptions | false;
  /** The fetch used for every request (default `globalThis.fetch`). */
  fetch?: (request: Request) => Promise<Response>;
  /** How retries and `wait…` helpers wait (default a real, abortable timer); tests pass their own. */
  sleep?: Sleep;
  /** The clock used to read an HTTP-date `retry-after` (default `Date.now`). */
  now?: () => number;
}

export interface StewardClient {
  readonly baseUrl: string;
  /** The sleep retries and polls use (the one given in the options, or a real timer). */
  readonly sleep: Sleep;
  /** The underlying openapi-fetch client: `{ data, error, response }` without throwing. */
  readonly raw: Client<paths>;
  get: StewardMethod<'get'>;
  post: StewardMethod<'post'>;
  put: StewardMethod<'put'>;
  patch: StewardMethod<'patch'>;
  delete: StewardMethod<'delete'>;
  /**
   * Every item of a cursor-paged list, fetching pages as the loop asks for them.
   * @example for await (const trace of steward.paginate('/api/traces', { params: { query: { limit: 100 } } })) …
   */
  paginate<Path extends PagedPath>(path: Path, ...init: CallInitParam<CallInit<'get', Path>>): AsyncGenerator<PageOf<Path>['data'][number], void, undefined>;
  /**
   * A call the document does not type (the OpenAI-shaped body of `/v1/chat/completions`, a streamed
   * upload, a path newer than this SDK), with the same key, retries, errors and signal. Answers the
   * parsed JSON body, the text (`parseAs: 'text'`) or the Response itself (`parseAs: 'response'`,
   * for headers or a streamed download).
   */
  send(method: Verb, path: string, init: SendInit & { parseAs: 'response' }): Promise<Response>;
  send(method: Verb, path: string, init?: SendInit): Promise<unknown>;
  /** The pages of a cursor-paged list, one response body each. */
  pages<Path extends PagedPath>(path: Path, ...init: CallInitParam<CallInit<'get', Path>>): AsyncGenerator<PageOf<Path>, void, undefined>;
}

/** A JSON body parsed, a text body as text, an empty body `undefined`. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type RawMethod = (path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type QueryValue = string | number | boolean;

export interface SendInit {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a file's stream, a string), with `contentType`. */
  rawBody?: BodyInit;
  contentType?: string;
  /** Query parameters; an array repeats its name, `undefined` leaves it out. */
  query?: Record<string, QueryValue | readonly QueryValue[] | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** How to read a successful answer (default JSON). */
  parseAs?: 'json' | 'text' | 'response';
}

/**
 * A client for one Steward and one key.
 * @example
 * const steward = createStewardClient({ baseUrl: 'http://127.0.0.1:7400', apiKey: process.env.STEWARD_API_KEY });
 * const run = await steward.get('/api/evals/runs/{id}', { params: { path: { id } } });
 */
export function createStewardClient(options: StewardClientOptions): StewardClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const fetchOnce = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const fetchWithRetries = retryingFetch({ fetch: fetchOnce, retry: options.retry ?? {}, sleep, now });
  const headers = { ...options.headers, ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  const transport = async (request: Request) => {
    try {
      return await fetchWithRetries(request);
    } catch (cause) {
      if (request.signal.aborted) throw request.signal.reason ?? cause;
      throw new StewardConnectionError({ baseUrl, url: request.url, cause });
    }
  };
  const raw = createClient<paths>({ baseUrl, headers, fetch: transport });
  const failure = (verb: string, response: Response, body: unknown) =>
    new StewardApiError({ status: response.status, method: verb, url: response.url || baseUrl, body, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()) });

  const send = async (verb: Verb, path: string, init: SendInit = {}): Promise<unknown> => {
    const url = new URL(baseUrl + path);
    for (const [name, value] of Object.entries(init.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    const requestHeaders = new Headers({ ...headers, ...init.headers });
    let body: BodyInit | undefined;
    if (init.rawBody !== undefined) {
      body = init.rawBody;
      if (init.contentType) requestHeaders.set('content-type', init.contentType);
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      requestHeaders.set('content-type', 'application/json');
    }
    // A streamed body needs half-duplex (Node's fetch insists; browsers accept it).
    const streamed = typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
    const request = new Request(url, { method: verb, headers: requestHeaders, body, signal: init.signal, ...(streamed ? { duplex: 'half' } : {}) } as RequestInit);
    const response = await transport(request);
    if (!response.ok) throw failure(verb, response, await readBody(response));
    if (init.parseAs === 'response') return response;
    if (init.parseAs === 'text') return response.text();
    return readBody(response);
  };

  const call = (verb: Verb) => {
    const method = raw[verb] as RawMethod;
    return async (path: string, init?: object) => {
      const { data, error, response } = await method(path, init);
      if (!response.ok) throw failure(verb, response, error);
      return data;
    };
  };
  const client = {
    baseUrl,
    sleep,
    raw,
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
  };
  const get = client.get as (path: string, init?: object) => Promise<unknown>;
  return {
    ...(client as unknown as Omit<StewardClient, 'paginate' | 'pages' | 'send'>),
    send: send as StewardClient['send'],
    paginate: ((path: string, init?: object) => paginateItems(get, path, init)) as unknown as StewardClient['paginate'],
    pages: ((path: string, init?: object) => paginatePages(get, path, init)) as unknown as StewardClient['pages'],
  };
}
