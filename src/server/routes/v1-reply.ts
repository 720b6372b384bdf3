// How /v1 answers: plain JSON (no response schema on the hot path), server-sent events for streams
// with an OpenAI-shaped error event when a stream fails mid-way, and the request's validation.
import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StewardError } from '../../errors/index.js';
import type { GatewayResponse, GatewayStream } from '../../gateway/index.js';
import { newId } from '../../store/index.js';
import { errorResponse } from '../http-error.js';
import { outcomeHeaders } from './v1-outcome-headers.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The trace id announced in `x-steward-trace-id` (set on every /v1 response). */
    stewardTraceId: string | undefined;
    /** The `x-request-id` of the response: the client's own when it sent a usable one. */
    stewardRequestId: string | undefined;
  }
}

export const TRACE_HEADER = 'x-steward-trace-id';
export const OVERHEAD_HEADER = 'x-steward-overhead-ms';
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client-chosen request id is echoed when it is a plain token of reasonable length. */
const USABLE_REQUEST_ID = /^[\w.:@/+=-]{1,200}$/;

/** The request id echoed in `x-request-id`: the client's when usable, otherwise a new one. */
export function requestIdOf(request: FastifyRequest): string {
  if (request.stewardRequestId === undefined) {
    const sent = request.headers[REQUEST_ID_HEADER];
    request.stewardRequestId = typeof sent === 'string' && USABLE_REQUEST_ID.test(sent) ? sent : newId('req');
  }
  return request.stewardRequestId;
}

/** The request's trace id, created on first use. */
export function traceIdOf(request: FastifyRequest): string {
  request.stewardTraceId ??= newId('trace');
  return request.stewardTraceId;
}

/**
 * Validates a body with a provider-spec schema; the first issue names the parameter (OpenAI's `param`).
 * @throws StewardError VALIDATION_FAILED (400)
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new StewardError({ code: 'VALIDATION_FAILED', message: 'the body must be a JSON object' });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue.path.map(String).join('.');
  throw new StewardError({ code: 'VALIDATION_FAILED', message: `${param ? `${param}: ` : ''}${issue.message}`, details: { param: param || null } });
}

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export function clientSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}

/** Sends a finished gateway call as JSON with the headers of its outcome. */
export function sendResult(reply: FastifyReply, result: GatewayResponse<unknown>): FastifyReply {
  const serialiseStart = performance.now();
  const payload = JSON.stringify(result.body);
  const { outcome } = result;
  if (outcome.limits || outcome.cache || outcome.deprecation) reply.headers(outcomeHeaders(outcome));
  reply.header(TRACE_HEADER, result.traceId);
  reply.header(OVERHEAD_HEADER, (result.overheadMs + performance.now() - serialiseStart).toFixed(3));
  return reply.code(200).type('application/json; charset=utf-8').send(payload);
}

/** How one surface writes a stream: each chunk, the clean end, and the failure after headers went out. */
export interface EventStreamFormat<C> {
  chunk(chunk: C): string;
  end: string;
  failure(error: unknown): string;
}

/**
 * Streams a gateway stream as server-sent events in a surface's format, with the trace and request
 * ids in the headers; the client going away aborts the upstream call.
 */
export async function sendEventStream<C>(reply: FastifyReply, stream: GatewayStream<C>, format: EventStreamFormat<C>): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...outcomeHeaders(stream.outcome),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    [TRACE_HEADER]: stream.traceId,
    [REQUEST_ID_HEADER]: requestIdOf(reply.request),
    [OVERHEAD_HEADER]: stream.overheadMs.toFixed(3),
  });
  const onClose = () => stream.abort(new Error('the client closed the connection'));
  raw.once('close', onClose);
  try {
    for await (const chunk of stream.chunks) {
      if (raw.destroyed) return;
      if (!raw.write(format.chunk(chunk))) await once(raw, 'drain');
    }
    raw.end(format.end);
  } catch (error) {
    if (raw.destroyed) return;
    raw.end(format.failure(error));
  } finally {
    raw.off('close', onClose);
  }
}

/** Chat and text completions: bare `data:` lines ending with [DONE], or an error event on failure. */
const OPENAI_EVENTS: EventStreamFormat<unknown> = {
  chunk: (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
  end: 'data: [DONE]\n\n',
  // The official clients throw on a data event carrying `error`; no [DONE] follows, so the failure
  // can never pass for a clean finish.
  failure: (error) => `data: ${JSON.stringify(errorResponse(error, 'openai').body)}\n\n`,
};

/** Streams a gateway stream as server-sent events, ending with [DONE], or with an error event on failure. */
export function sendStream(reply: FastifyReply, stream: GatewayStream<unknown>): Promise<void> {
  return sendEventStream(reply, stream, OPENAI_EVENTS);
}
