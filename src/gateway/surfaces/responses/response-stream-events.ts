// The Responses API's typed stream events, folded from a chat completion stream: response.created and
// .in_progress first, then per output item its added/delta/done events, and response.completed (or
// .incomplete) only when the upstream stream finished. A stream that breaks mid-way ends with
// response.failed and an `error` event, so no client can take a cut answer for a complete one.
import type { ChatChunk } from '../../../providers/spec/index.js';
import { newId } from '../../../store/index.js';
import { finishOf, withUsage } from './chat-to-response.js';
import type { FunctionCallOutputItem, OutputMessage, ResponseObject } from './response-object.js';

export interface ResponseStreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

/** How a failure reads in `response.failed` and the `error` event. */
export interface StreamFailure {
  code: string;
  message: string;
}

interface OpenText {
  index: number;
  item: OutputMessage;
  text: string;
}
interface OpenCall {
  index: number;
  item: FunctionCallOutputItem;
}

/**
 * Yields the events of one response. `finished` receives the final Response (completed, incomplete or
 * failed) once the stream is over, for storing, and is awaited before the last event goes out (so a
 * client can retrieve what it just streamed); `failureOf` names a mid-stream failure.
 */
export async function* responseStreamEvents(
  shell: ResponseObject,
  chunks: AsyncIterable<ChatChunk>,
  options: { now: () => number; failureOf: (error: unknown) => StreamFailure; finished: (response: ResponseObject) => Promise<void> },
): AsyncGenerator<ResponseStreamEvent> {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): ResponseStreamEvent => ({ type, sequence_number: sequence++, ...fields });
  const output: ResponseObject['output'] = [];
  const snapshot = (status: ResponseObject['status']): ResponseObject => ({ ...shell, status, output: structuredClone(output) });
  yield event('response.created', { response: snapshot('in_progress') });
  yield event('response.in_progress', { response: snapshot('in_progress') });

  let text: OpenText | undefined;
  const calls = new Map<number, OpenCall>();
  const openCalls: OpenCall[] = [];
  let finishReason: ChatChunk['choices'][number]['finish_reason'] = null;
  let usage: ChatChunk['usage'];

  function* closeText(status: 'completed' | 'incomplete'): Generator<ResponseStreamEvent> {
    if (!text) return;
    const part = { type: 'output_text' as const, text: text.text, annotations: [], logprobs: [] };
    text.item.content = [part];
    text.item.status = status;
    yield event('response.output_text.done', { item_id: text.item.id, output_index: text.index, content_index: 0, text: text.text, logprobs: [] });
    yield event('response.content_part.done', { item_id: text.item.id, output_index: text.index, content_index: 0, part });
    yield event('response.output_item.done', { output_index: text.index, item: structuredClone(text.item) });
    text = undefined;
  }
  function* closeCalls(status: 'completed' | 'incomplete'): Generator<ResponseStreamEvent> {
    for (const call of openCalls.splice(0)) {
      call.item.status = status;
      yield event('response.function_call_arguments.done', { item_id: call.item.id, output_index: call.index, name: call.item.name, arguments: call.item.arguments });
      yield event('response.output_item.done', { output_index: call.index, item: structuredClone(call.item) });
    }
  }

  async function* fail(error: unknown): AsyncGenerator<ResponseStreamEvent> {
    const failure = options.failureOf(error);
    const failed: ResponseObject = { ...snapshot('failed'), error: { code: failure.code, message: failure.message }, ...withUsage(usage) };
    // The failed response is kept when it can be; a store that refuses it too changes nothing for the client.
    await options.finished(failed).catch(() => undefined);
    yield event('response.failed', { response: failed });
    yield event('error', { code: failure.code, message: failure.message, param: null });
  }

  try {
    for await (const chunk of chunks) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const delta = choice.delta;
      if (delta.content) {
        if (!text) {
          yield* closeCalls('completed');
          const item: OutputMessage = { type: 'message', id: newId('msg'), status: 'in_progress', role: 'assistant', content: [] };
          text = { index: output.length, item, text: '' };
          output.push(item);
          yield event('response.output_item.added', { output_index: text.index, item: structuredClone(item) });
          yield event('response.content_part.added', { item_id: item.id, output_index: text.index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
        }
        text.text += delta.content;
        yield event('response.output_text.delta', { item_id: text.item.id, output_index: text.index, content_index: 0, delta: delta.content, logprobs: [] });
      }
      for (const toolDelta of delta.tool_calls ?? []) {
        let call = calls.get(toolDelta.index);
        if (!call) {
          yield* closeText('completed');
          const item: FunctionCallOutputItem = { type: 'function_call', id: newId('fc'), call_id: toolDelta.id ?? newId('call'), name: toolDelta.function?.name ?? '', arguments: '', status: 'in_progress' };
          call = { index: output.length, item };
          calls.set(toolDelta.index, call);
          openCalls.push(call);
          output.push(item);
          yield event('response.output_item.added', { output_index: call.index, item: structuredClone(item) });
        }
        const args = toolDelta.function?.arguments;
        if (args) {
          call.item.arguments += args;
          yield event('response.function_call_arguments.delta', { item_id: call.item.id, output_index: call.index, delta: args });
        }
      }
    }
  } catch (error) {
    yield* fail(error);
    return;
  }
  const finish = finishOf(finishReason);
  const itemStatus = finish.status === 'completed' ? 'completed' : 'incomplete';
  yield* closeText(itemStatus);
  yield* closeCalls(itemStatus);
  const final: ResponseObject = {
    ...snapshot(finish.status),
    incomplete_details: finish.incomplete_details,
    completed_at: finish.status === 'completed' ? options.now() : null,
    ...withUsage(usage),
  };
  try {
    await options.finished(final);
  } catch (error) {
    // Not kept as asked (the store refused): the client is told, rather than handed an id that 404s.
    yield* fail(error);
    return;
  }
  yield event(finish.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final });
}

/** The fields that make an upstream's Response Steward's: its id, the client's model name, its chain and metadata. */
function asOurs(shell: ResponseObject, response: Record<string, unknown>): ResponseObject {
  return { ...response, id: shell.id, model: shell.model, instructions: shell.instructions, previous_response_id: shell.previous_response_id, store: shell.store, metadata: shell.metadata } as unknown as ResponseObject;
}

/**
 * The events of a native stream: the upstream's own events in order (built-in tool items included),
 * renumbered and with the response under Steward's id; the same failure ending as a translated stream.
 */
export async function* nativeStreamEvents(
  shell: ResponseObject,
  chunks: AsyncIterable<ChatChunk>,
  eventOf: (chunk: ChatChunk) => (Record<string, unknown> & { type: string }) | undefined,
  options: { failureOf: (error: unknown) => StreamFailure; finished: (response: ResponseObject) => Promise<void> },
): AsyncGenerator<ResponseStreamEvent> {
  let sequence = 0;
  let last: ResponseObject = shell;
  async function* fail(error: unknown): AsyncGenerator<ResponseStreamEvent> {
    const failure = options.failureOf(error);
    const failed: ResponseObject = { ...last, status: 'failed', completed_at: null, error: { code: failure.code, message: failure.message } };
    await options.finished(failed).catch(() => undefined);
    yield { type: 'response.failed', sequence_number: sequence++, response: failed };
    yield { type: 'error', sequence_number: sequence++, code: failure.code, message: failure.message, param: null };
  }
  try {
    for await (const chunk of chunks) {
      const upstream = eventOf(chunk);
      // Chunks without an event of their own carry the usage the gateway accounts.
      if (!upstream) continue;
      const event: ResponseStreamEvent = { ...upstream, sequence_number: sequence++ };
      if (typeof upstream.response === 'object' && upstream.response !== null) {
        last = asOurs(shell, upstream.response as Record<string, unknown>);
        event.response = last;
      }
      if (upstream.type === 'response.completed' || upstream.type === 'response.incomplete') {
        try {
          await options.finished(last);
        } catch (error) {
          sequence--;
          yield* fail(error);
          return;
        }
      }
      yield event;
    }
  } catch (error) {
    yield* fail(error);
  }
}

/** Which events a stream gets: the upstream's own when its first chunk came from a native upstream, else the fold. */
export async function* streamEventsFor(
  shell: ResponseObject,
  chunks: AsyncIterable<ChatChunk>,
  eventOf: (chunk: ChatChunk) => (Record<string, unknown> & { type: string }) | undefined,
  options: { now: () => number; failureOf: (error: unknown) => StreamFailure; finished: (response: ResponseObject) => Promise<void> },
): AsyncGenerator<ResponseStreamEvent> {
  const iterator = chunks[Symbol.asyncIterator]();
  let first: IteratorResult<ChatChunk> | undefined;
  let failure: { error: unknown } | undefined;
  try {
    first = await iterator.next();
  } catch (error) {
    failure = { error };
  }
  async function* all(): AsyncGenerator<ChatChunk> {
    if (failure) throw failure.error;
    try {
      if (!first || first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  const native = first !== undefined && !first.done && eventOf(first.value) !== undefined;
  if (native) yield* nativeStreamEvents(shell, all(), eventOf, options);
  else yield* responseStreamEvents(shell, all(), options);
}
