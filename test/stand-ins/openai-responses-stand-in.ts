// The `/responses` endpoint of the OpenAI stand-in (started with `{ responses: true }`): a Response
// object or its typed event stream, built from the recorded chat fixtures' text and tool call. A
// request with the built-in `web_search` tool gets a `web_search_call` item before the message, as
// OpenAI answers, so a test can tell a native pass-through from a translation.
import chatCompletion from '../../src/providers/openai/__fixtures__/chat-completion.json' with { type: 'json' };
import chatToolCalls from '../../src/providers/openai/__fixtures__/chat-completion-tool-calls.json' with { type: 'json' };
import type { OutgoingEvent, StandInReply } from './stand-in-server.js';

type Json = Record<string, unknown>;

const USAGE = { input_tokens: 19, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 10, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 29 };

function outputFor(body: Json): Json[] {
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  const output: Json[] = [];
  if (tools.some((tool) => tool.type === 'web_search')) output.push({ type: 'web_search_call', id: 'ws_upstream_1', status: 'completed', action: { type: 'search', query: 'weather' } });
  if (tools.some((tool) => tool.type === 'function')) {
    const call = chatToolCalls.choices[0].message.tool_calls[0];
    output.push({ type: 'function_call', id: 'fc_upstream_1', call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
    return output;
  }
  output.push({ type: 'message', id: 'msg_upstream_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: chatCompletion.choices[0].message.content, annotations: [], logprobs: [] }] });
  return output;
}

function responseFor(body: Json, output: Json[], status: string): Json {
  return {
    id: 'resp_upstream_1',
    object: 'response',
    created_at: 1741569952,
    status,
    completed_at: status === 'completed' ? 1741569953 : null,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: typeof body.model === 'string' ? body.model : 'gpt-4o-mini',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    metadata: {},
    ...(status === 'completed' ? { usage: USAGE } : {}),
  };
}

/** The stand-in's answer to POST /responses. */
export function responsesReply(body: Json): StandInReply {
  const output = outputFor(body);
  if (body.stream !== true) return { kind: 'json', body: responseFor(body, output, 'completed') };
  let sequence = 0;
  const events: OutgoingEvent[] = [];
  const push = (event: Json) => events.push({ event: String(event.type), data: JSON.stringify({ ...event, sequence_number: sequence++ }) });
  push({ type: 'response.created', response: responseFor(body, [], 'in_progress') });
  push({ type: 'response.in_progress', response: responseFor(body, [], 'in_progress') });
  output.forEach((item, index) => {
    if (item.type === 'message') {
      const text = String((item.content as { text: string }[])[0].text);
      push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      push({ type: 'response.content_part.added', item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const piece of [text.slice(0, 6), text.slice(6)]) push({ type: 'response.output_text.delta', item_id: item.id, output_index: index, content_index: 0, delta: piece, logprobs: [] });
      push({ type: 'response.output_text.done', item_id: item.id, output_index: index, content_index: 0, text, logprobs: [] });
      push({ type: 'response.content_part.done', item_id: item.id, output_index: index, content_index: 0, part: (item.content as Json[])[0] });
    } else if (item.type === 'function_call') {
      const args = String(item.arguments);
      push({ type: 'response.output_item.added', output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const piece of [args.slice(0, 5), args.slice(5)]) push({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: index, delta: piece });
      push({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, name: item.name, arguments: args });
    } else push({ type: 'response.output_item.added', output_index: index, item });
    push({ type: 'response.output_item.done', output_index: index, item });
  });
  push({ type: 'response.completed', response: responseFor(body, output, 'completed') });
  return { kind: 'sse', events };
}
