// Server-sent events with a named `event:` line per event, as the Responses and Messages APIs send
// them (chat completions send bare `data:` lines; see v1-reply.ts). A failure thrown by the event
// source after the headers went out is written as the surface's own error events, never swallowed.
import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import type { GatewayStream } from '../../gateway/index.js';
import { OVERHEAD_HEADER, REQUEST_ID_HEADER, TRACE_HEADER, requestIdOf } from './v1-reply.js';

/** One event as written: `event: <name>` and its JSON `data`. */
export interface NamedEvent {
  event: string;
  data: unknown;
}

/** Streams events named by their `type`; `onError` turns a thrown failure into the closing events. */
export async function sendNamedEvents<E extends { type: string }>(reply: FastifyReply, stream: GatewayStream<E>, onError: (error: unknown) => NamedEvent[]): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...stream.headers,
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
    for await (const event of stream.chunks) {
      if (raw.destroyed) return;
      if (!raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)) await once(raw, 'drain');
    }
    raw.end();
  } catch (error) {
    if (raw.destroyed) return;
    raw.end(onError(error).map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join(''));
  } finally {
    raw.off('close', onClose);
  }
}
