// Chat completions through the gateway (/v1/chat/completions, OpenAI's wire format), streamed or
// not, through @steward/sdk, with the trace id the gateway answers in x-steward-trace-id. /v1 takes
// API keys only.
import { StewardApiError, createStewardClient } from '@steward/sdk';
import { ApiError, storedKey } from './api-client';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  /** Values of the route's bound prompt. */
  variables?: Record<string, string>;
}

export interface ChatAnswer {
  content: string;
  traceId: string | null;
  finishReason: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
}

interface Chunk {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  error?: { message?: string; code?: string };
}

/** Sends a chat request; `onDelta` receives the text as it streams in. */
export async function chat(request: ChatRequest, onDelta: (text: string) => void, signal?: AbortSignal): Promise<ChatAnswer> {
  const key = storedKey();
  if (!key) throw new Error('The playground calls /v1, which takes API keys only: sign in with a key.');
  const steward = createStewardClient({ baseUrl: window.location.origin, apiKey: key, retry: false });
  let response: Response;
  try {
    response = await steward.send('POST', '/v1/chat/completions', { body: request.stream ? { ...request, stream_options: { include_usage: true } } : request, signal, parseAs: 'response' });
  } catch (caught) {
    if (!(caught instanceof StewardApiError)) throw caught;
    throw new ApiError({ status: caught.status, code: caught.code ?? `HTTP_${caught.status}`, message: caught.serverMessage ?? caught.message });
  }
  const traceId = response.headers.get('x-steward-trace-id');
  if (!request.stream || !response.body) {
    const body = (await response.json()) as Chunk;
    const content = body.choices?.[0]?.message?.content ?? '';
    onDelta(content);
    return { content, traceId, finishReason: body.choices?.[0]?.finish_reason ?? null, usage: body.usage ?? null };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let content = '';
  let finishReason: string | null = null;
  let usage: ChatAnswer['usage'] = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') continue;
        const chunk = JSON.parse(data) as Chunk;
        if (chunk.error) throw new ApiError({ status: 502, code: chunk.error.code ?? 'STREAM_ERROR', message: chunk.error.message ?? 'the stream failed' });
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          content += delta;
          onDelta(content);
        }
        finishReason = chunk.choices?.[0]?.finish_reason ?? finishReason;
        if (chunk.usage) usage = chunk.usage;
      }
    }
  }
  return { content, traceId, finishReason, usage };
}
