// Items from gateway traces: the chat request's messages are the input and the model's answer the
// reference; provenance records the trace, when it was collected and what answered it.
import type { ChatCompletion, ChatMessage } from '../../providers/spec/index.js';
import { type ExampleItem, ItemInputSchema } from '../dataset-item.js';

/** The part of a trace row curation reads. */
export interface TraceRecord {
  id: string;
  created_at: number;
  endpoint: string;
  requested_model: string;
  route: string | null;
  model: string | null;
  request_json: string | null;
  response_json: string | null;
}

/**
 * The prompt messages of a chat trace, or undefined when the body was not stored, is not chat, or
 * its messages are not chat messages. Read through the item schema, so a curated item holds only
 * what an item may hold.
 */
export function traceMessages(trace: TraceRecord): ChatMessage[] | undefined {
  if (trace.endpoint !== 'chat' || !trace.request_json) return undefined;
  const request = JSON.parse(trace.request_json) as { messages?: unknown };
  const input = ItemInputSchema.safeParse(request.messages);
  return input.success && typeof input.data !== 'string' ? input.data : undefined;
}

/** The answer text of a chat trace, or undefined. */
export function traceAnswer(trace: TraceRecord): string | undefined {
  if (!trace.response_json) return undefined;
  const response = JSON.parse(trace.response_json) as Partial<ChatCompletion>;
  const content = response.choices?.[0]?.message?.content;
  return typeof content === 'string' ? content : undefined;
}

/** An example item from a chat trace (its answer as reference), or undefined when the trace has no stored prompt. */
export function traceToItem(trace: TraceRecord): ExampleItem | undefined {
  const input = traceMessages(trace);
  if (!input) return undefined;
  const item: ExampleItem = {
    kind: 'example',
    id: `trace-${trace.id}`,
    input,
    metadata: { model: trace.model ?? trace.requested_model, ...(trace.route ? { route: trace.route } : {}) },
    provenance: { source: 'traces', traceId: trace.id, collectedAt: new Date(Number(trace.created_at)).toISOString() },
  };
  const answer = traceAnswer(trace);
  if (answer !== undefined) item.reference = answer;
  return item;
}
