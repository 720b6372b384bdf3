// Types read off the generated contract: the request and response of any endpoint by path and
// method, so callers name an API shape instead of declaring a copy of it.
import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { paths } from './generated/openapi-types.js';

export type { components, paths } from './generated/openapi-types.js';

/** Every path that answers `Method`, e.g. `StewardPath<'post'>` includes `'/api/feedback'`. */
export type StewardPath<Method extends HttpMethod> = PathsWithMethod<paths, Method>;

/** The options of one call: `params` (`path`, `query`), `body`, `signal`, `headers`, `parseAs`. */
export type CallInit<Method extends HttpMethod, Path extends StewardPath<Method>> = MaybeOptionalInit<paths[Path], Method>;

/** The init argument, optional exactly when the endpoint needs no path parameter, query or body. */
export type CallInitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

type Success<Operation, Init> = NonNullable<Extract<FetchResponse<Operation & Record<string | number, unknown>, Init, `${string}/${string}`>, { error?: never }>['data']>;

/** What a successful call returns (`undefined` for a 204). */
export type CallResult<Method extends HttpMethod, Path extends StewardPath<Method>, Init = object> = [Success<paths[Path][Method], Init>] extends [never]
  ? undefined
  : Success<paths[Path][Method], Init>;

/**
 * The body a successful call answers with.
 * @example type TrainingJob = ResponseOf<'/api/training/jobs/{id}'>;
 */
export type ResponseOf<Path extends StewardPath<Method>, Method extends HttpMethod = 'get'> = CallResult<Method, Path>;

/**
 * The JSON body an endpoint accepts.
 * @example type NewFeedback = RequestBodyOf<'/api/feedback', 'post'>;
 */
export type RequestBodyOf<Path extends StewardPath<Method>, Method extends HttpMethod = 'post'> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The query parameters an endpoint accepts. */
export type QueryOf<Path extends StewardPath<Method>, Method extends HttpMethod = 'get'> = paths[Path][Method] extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;

/** One typed call: `steward.get('/api/traces/{id}', { params: { path: { id } } })` answers the trace. */
export type StewardMethod<Method extends HttpMethod> = <Path extends StewardPath<Method>, Init extends CallInit<Method, Path>>(
  path: Path,
  ...init: CallInitParam<Init>
) => Promise<CallResult<Method, Path, Init>>;
