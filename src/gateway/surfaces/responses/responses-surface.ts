// The Responses API over the gateway: a request (with the conversation of previous_response_id and
// resolved item references) is translated to a chat completion and run through Gateway.chatCall /
// chatStream — routes, fallbacks, limits, cache, redaction, traces all apply — and the answer is
// translated back. `store` (default true) keeps the response per project for retrieve and chaining.
import { StewardError } from '../../../errors/index.js';
import type { Actor } from '../../../governance/index.js';
import type { TraceSurfaceInfo } from '../../../monitoring/traces/index.js';
import type { LanguageModelProvider, NativeResponsesCalls } from '../../../providers/spec/index.js';
import { type Store, newId } from '../../../store/index.js';
import type { Gateway, GatewayCallOptions, GatewayResponse, GatewayStream } from '../../gateway.js';
import { chatToResponse, responseShell } from './chat-to-response.js';
import type { ResponseObject } from './response-object.js';
import { type ResponseStreamEvent, streamEventsFor } from './response-stream-events.js';
import { type InputItem, type ResponsesRequest, unknownResponsesFields } from './responses-request.js';
import { nativeEventsToChunks, nativeResponseToChat, nativeResponsesBody, upstreamEventOf } from './native-responses.js';
import { type ResolvedItem, builtInTools, builtInToolsRefusal, inputItemsOf, responsesToChat } from './responses-to-chat.js';
import { type StoredItem, StoredResponses } from './stored-responses.js';

/** A conversation longer than this many stored responses is refused rather than rebuilt. */
const MAX_CHAIN = 200;

/** The stored item types a rebuilt conversation carries. */
const CONVERSATION_ITEM_TYPES: ReadonlySet<string> = new Set(['message', 'function_call', 'function_call_output']);

export interface ResponsesSurfaceDeps {
  gateway: Pick<Gateway, 'chatCall' | 'chatStream'>;
  store: Store;
  /** Milliseconds since the epoch (tests inject a clock). */
  now?: () => number;
}

export type ResponsesOutcome = { kind: 'json'; result: GatewayResponse<ResponseObject> } | { kind: 'stream'; stream: GatewayStream<ResponseStreamEvent> };

/** 404 in OpenAI's words, for a response id the caller's project does not have. */
export function responseNotFound(id: string, param: string | null = null): StewardError {
  return new StewardError({ code: 'RESPONSE_NOT_FOUND', message: `Response with id '${id}' not found.`, details: { param } });
}

/** An input item as stored and listed: with an id, a status and its content as parts. */
function storedInputItem(item: ResolvedItem): StoredItem {
  if (item.type === 'function_call') return { ...item, id: item.id ?? newId('fc'), status: item.status ?? 'completed' } as StoredItem;
  if (item.type === 'function_call_output') return { ...item, id: item.id ?? newId('fco'), status: item.status ?? 'completed' } as StoredItem;
  const content = typeof item.content === 'string' ? [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.content, ...(item.role === 'assistant' ? { annotations: [] } : {}) }] : item.content;
  return { ...item, type: 'message', id: item.id ?? newId('msg'), status: item.status ?? 'completed', content } as StoredItem;
}

export class ResponsesSurface {
  readonly #gateway: ResponsesSurfaceDeps['gateway'];
  readonly #stored: StoredResponses;
  readonly #now: () => number;

  constructor(deps: ResponsesSurfaceDeps) {
    this.#gateway = deps.gateway;
    this.#stored = new StoredResponses(deps.store);
    this.#now = deps.now ?? Date.now;
  }

  get stored(): StoredResponses {
    return this.#stored;
  }

  /** The stored conversation before a response: every earlier response's input and output items, oldest first. */
  async #history(projectId: string, previousId: string): Promise<ResolvedItem[]> {
    const chain: string[] = [];
    let id: string | null = previousId;
    while (id !== null) {
      if (chain.length >= MAX_CHAIN) throw new StewardError({ code: 'VALIDATION_FAILED', message: `previous_response_id: the conversation is longer than ${MAX_CHAIN} responses`, details: { param: 'previous_response_id' } });
      const found = await this.#stored.get(projectId, id);
      if (!found) throw responseNotFound(id, 'previous_response_id');
      chain.push(id);
      id = found.previousResponseId;
    }
    const items: ResolvedItem[] = [];
    for (const responseId of chain.reverse()) {
      items.push(...((await this.#stored.items(projectId, responseId, 'input')) as unknown as ResolvedItem[]));
      items.push(...((await this.#stored.items(projectId, responseId, 'output')) as unknown as ResolvedItem[]));
    }
    // A native upstream's built-in tool items (web_search_call, …) were its own work: the message after
    // them carries what came of it, and no chat upstream could take them back.
    return items.filter((item) => CONVERSATION_ITEM_TYPES.has(item.type ?? 'message'));
  }

  /** The request's items with every `item_reference` replaced by the stored item it names. */
  async #resolve(projectId: string, items: InputItem[]): Promise<ResolvedItem[]> {
    const resolved: ResolvedItem[] = [];
    for (const [i, item] of items.entries()) {
      if (item.type !== 'item_reference') {
        resolved.push(item as ResolvedItem);
        continue;
      }
      const found = await this.#stored.item(projectId, (item as { id: string }).id);
      if (!found) throw new StewardError({ code: 'RESPONSE_ITEM_NOT_FOUND', message: `Item with id '${(item as { id: string }).id}' not found.`, details: { param: `input[${i}]` } });
      // A reference to a native upstream's reasoning or built-in tool item is left out, as in a rebuilt history.
      if (!CONVERSATION_ITEM_TYPES.has(found.type)) continue;
      resolved.push(found as unknown as ResolvedItem);
    }
    return resolved;
  }

  /**
   * Creates a response: JSON, or an open stream of typed events.
   * @throws StewardError VALIDATION_FAILED / UNSUPPORTED_PARAMETER (400), RESPONSE_NOT_FOUND (404), and the gateway's errors
   */
  async create(actor: Actor, request: ResponsesRequest, options: GatewayCallOptions): Promise<ResponsesOutcome> {
    const projectId = actor.projectId;
    const history = request.previous_response_id ? await this.#history(projectId, request.previous_response_id) : [];
    const input = await this.#resolve(projectId, inputItemsOf(request));
    const conversation = [...history.map((item) => ({ item, param: 'previous_response_id' })), ...input.map((item, i) => ({ item, param: `input[${i}]` }))];
    const chat = responsesToChat(request, conversation);
    const store = request.store !== false;
    const createdAtMs = this.#now();
    const shell = responseShell(newId('resp'), request, Math.floor(createdAtMs / 1000));
    const inputItems = input.map(storedInputItem);
    const keep = async (response: ResponseObject) => {
      if (store) await this.#stored.save(projectId, response, inputItems, createdAtMs);
    };
    // Per target: a provider with native Responses gets the request on its own /responses, every
    // other one the chat translation. The trace's surface says which one answered (it is read when
    // the trace is written, after the call).
    const surface: TraceSurfaceInfo = { name: 'responses', translated: true };
    const builtIn = builtInTools(request);
    const unknown = unknownResponsesFields(request);
    let native: Record<string, unknown> | undefined;
    const translated = (provider: LanguageModelProvider): NativeResponsesCalls | undefined => {
      surface.translated = provider.responses === undefined;
      if (provider.responses) return provider.responses;
      if (builtIn.length > 0) throw builtInToolsRefusal(builtIn, provider.name);
      if (unknown.length > 0) {
        throw new StewardError({
          code: 'UNSUPPORTED_PARAMETER',
          message: `${unknown.join(', ')}: no chat completions equivalent; provider ${provider.name} is translated, and Steward does not drop a field silently`,
          details: { param: unknown[0] },
        });
      }
      return undefined;
    };
    const callOptions: GatewayCallOptions = {
      ...options,
      surface,
      // The cache key is the chat request's, which has no built-in tools: such requests are not cached.
      ...(builtIn.length > 0 ? { cache: 'bypass' as const } : {}),
      upstream: {
        chat: (provider, body, signal) => {
          const calls = translated(provider);
          if (!calls) return undefined;
          return calls.create(nativeResponsesBody(request, body), { signal }).then((raw) => {
            native = raw;
            return nativeResponseToChat(raw, body.model);
          });
        },
        streamChat: (provider, body, signal) => {
          const calls = translated(provider);
          return calls ? nativeEventsToChunks(calls.stream(nativeResponsesBody(request, body), { signal }), body.model) : undefined;
        },
      },
    };
    if (request.stream) {
      const stream = await this.#gateway.chatStream(actor, { ...chat, stream: true, stream_options: { include_usage: true } }, callOptions);
      const events = streamEventsFor(shell, stream.chunks, upstreamEventOf, {
        now: () => Math.floor(this.#now() / 1000),
        failureOf: (error) => ({ code: 'server_error', message: error instanceof Error ? error.message : String(error) }),
        finished: keep,
      });
      return { kind: 'stream', stream: { ...stream, chunks: events } };
    }
    const result = await this.#gateway.chatCall(actor, chat, callOptions);
    // A native answer is the upstream's own Response under Steward's id (it is stored and chained here).
    const response: ResponseObject = native
      ? ({ ...native, id: shell.id, model: shell.model, instructions: shell.instructions, previous_response_id: shell.previous_response_id, store: shell.store, metadata: shell.metadata } as unknown as ResponseObject)
      : chatToResponse(shell, result.body, Math.floor(this.#now() / 1000));
    await keep(response);
    return { kind: 'json', result: { ...result, body: response } };
  }

  /** A response answered whole (batches): as {@link create} with `stream` off. */
  async createResponse(actor: Actor, request: ResponsesRequest, options: GatewayCallOptions): Promise<GatewayResponse<ResponseObject>> {
    const outcome = await this.create(actor, { ...request, stream: false }, options);
    if (outcome.kind !== 'json') throw new Error('a response created without stream came back as a stream');
    return outcome.result;
  }

  /** @throws StewardError RESPONSE_NOT_FOUND (404) */
  async retrieve(projectId: string, id: string): Promise<ResponseObject> {
    const found = await this.#stored.get(projectId, id);
    if (!found) throw responseNotFound(id);
    return found.response;
  }

  /** @throws StewardError RESPONSE_NOT_FOUND (404) */
  async delete(projectId: string, id: string): Promise<{ id: string; object: 'response'; deleted: true }> {
    if (!(await this.#stored.delete(projectId, id))) throw responseNotFound(id);
    return { id, object: 'response', deleted: true };
  }

  /** @throws StewardError RESPONSE_NOT_FOUND (404), VALIDATION_FAILED (400) for an unknown `after` */
  async inputItems(projectId: string, id: string, options: { limit: number; order: 'asc' | 'desc'; after?: string }) {
    if (!(await this.#stored.get(projectId, id))) throw responseNotFound(id);
    const page = await this.#stored.inputItemPage(projectId, id, options);
    if (!page) throw new StewardError({ code: 'VALIDATION_FAILED', message: `after: no input item ${options.after} in response ${id}`, details: { param: 'after' } });
    return { object: 'list' as const, data: page.data, first_id: page.data[0]?.id ?? '', last_id: page.data.at(-1)?.id ?? '', has_more: page.hasMore };
  }
}
