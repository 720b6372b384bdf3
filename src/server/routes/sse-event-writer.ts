// Server-sent events with a named `event:` line per event, as the Responses and Messages APIs send
// them (chat completions send bare `data:` lines; see v1-reply.ts). A failure thrown by the event
// source after the headers went out is written as the surface's own error events, never swallowed.
import type { FastifyReply } from 'fastify';
import type { GatewayStream } from '../../gateway/index.js';
import { sendEventStream } from './v1-reply.js';

/** One event as written: `event: <name>` and its JSON `data`. */
export interface NamedEvent {
  event: string;
  data: unknown;
}

/** Streams events named by their `type`; `onError` turns a thrown failure into the closing events. */
export function sendNamedEvents<E extends { type: string }>(reply: FastifyReply, stream: GatewayStream<E>, onError: (error: unknown) => NamedEvent[]): Promise<void> {
  return sendEventStream(reply, stream, {
    chunk: (event) => namedEvent(event.type, event),
    end: '',
    failure: (error) => onError(error).map((e) => namedEvent(e.event, e.data)).join(''),
  });
}

function namedEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
