// The one place GraphQL errors get their shape: `{"data", "errors": [{"message", "path",
// "extensions": {"code", "details"}}]}` with a catalogue code on every error, the catalogue status
// when nothing could be answered, and internal messages kept on the server log.
import type { FastifyReply } from 'fastify';
import type { GraphQLError } from 'graphql';
import { graphqlJs } from './graphql-module.js';
import { ERROR_CATALOGUE, type ErrorCode, StewardError } from '../../errors/index.js';
import { toStewardError } from '../http-error.js';
import { logRequestFailure } from '../request-failure-log.js';
import type { FormattedError, GraphqlResponse } from './graphql-contract.js';

interface Execution {
  data?: Record<string, unknown> | null;
  errors: readonly GraphQLError[];
  statusCode?: number;
}

/** Mercurius wraps parse and validation errors in one error carrying them in `errors`. */
function innerErrors(error: GraphQLError): readonly unknown[] | undefined {
  const original = error.originalError as { errors?: unknown } | undefined;
  return original && Array.isArray(original.errors) ? original.errors : undefined;
}

export function asGraphqlError(error: unknown): GraphQLError {
  if (error instanceof graphqlJs.GraphQLError) return error;
  return new graphqlJs.GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
}

/** Where in the document and the answer an error is. */
function where(error: GraphQLError | undefined): Pick<FormattedError, 'locations' | 'path'> {
  return {
    ...(error?.locations ? { locations: error.locations.map((l) => ({ line: l.line, column: l.column })) } : {}),
    ...(error?.path ? { path: [...error.path] } : {}),
  };
}

function fromSteward(error: StewardError, base: GraphQLError | undefined): FormattedError {
  const message = error.code === 'INTERNAL' ? ERROR_CATALOGUE.INTERNAL.message : error.message;
  return {
    message,
    ...where(base),
    extensions: { code: error.code, ...(error.details !== undefined && error.code !== 'INTERNAL' ? { details: error.details } : {}) },
  };
}

/** One error in the answer's shape, and the HTTP status it would have on its own. */
function formatOne(error: GraphQLError, reply: FastifyReply | undefined): { formatted: FormattedError; status: number } {
  const original = error.originalError;
  if (original instanceof StewardError) return { formatted: fromSteward(original, error), status: original.status };
  const code = (error.extensions as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code in ERROR_CATALOGUE) {
    return { formatted: { message: error.message, ...where(error), extensions: { code } }, status: ERROR_CATALOGUE[code as ErrorCode].status };
  }
  // No original error: graphql-js itself refused the document or the variables.
  if (!original || original instanceof graphqlJs.GraphQLError) {
    return { formatted: { message: error.message, ...where(error), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, status: 400 };
  }
  const mapped = toStewardError(original);
  if (reply && mapped.status >= 500) logRequestFailure(reply.request, original, mapped, mapped.status);
  return { formatted: fromSteward(mapped, error), status: mapped.status };
}



/** Mercurius' errorFormatter: the answer body and its status. */
export function formatGraphqlErrors(execution: Execution, context: { reply?: FastifyReply }): { statusCode: number; response: GraphqlResponse & { errors: FormattedError[] } } {
  const results: { formatted: FormattedError; status: number }[] = [];
  for (const error of execution.errors) {
    const inner = innerErrors(error);
    if (inner) for (const e of inner) results.push(formatOne(asGraphqlError(e), context.reply));
    else results.push(formatOne(error, context.reply));
  }
  const answered = execution.data !== undefined && execution.data !== null;
  // With data, partial errors ride along a 200; with none, the first error's status says why.
  const statusCode = answered ? 200 : (results[0]?.status ?? execution.statusCode ?? 400);
  return { statusCode, response: { data: execution.data ?? null, errors: results.map((r) => r.formatted) } };
}
