// The `builtin` provider: Steward's own transformer behind the provider interface, OpenAI wire
// format in and out. Models are the directories under the configured model folders.
import { StewardError } from '../../errors/index.js';
import type { BuiltinRuntime, GenerateOptions, GenerateResult } from '../../model/index.js';
import { newId, unixSeconds, unsupportedParameter } from '../shared/index.js';
import {
  type CallOptions,
  type ChatChunk,
  type ChatCompletion,
  type ChatRequest,
  type CompletionRequest,
  type EmbeddingRequest,
  type EmbeddingResult,
  type LanguageModelProvider,
  type ModelInfo,
  ProviderCallError,
  type TextCompletion,
  type Usage,
} from '../spec/index.js';
import { BuiltinModelCatalog } from './builtin-model-catalog.js';
import { chatTurns, completionPrompts, samplingOptions } from './map-builtin-request.js';

/** Options of {@link createBuiltinProvider}. */
export interface BuiltinProviderOptions {
  /** Folders whose sub-directories are models (e.g. the repository's `models/` and a data folder of fine-tunes). */
  modelsDir: string[];
  /** Provider name clients prefix models with (default `builtin`). */
  name?: string;
  /**
   * Fetches a model found in no folder (one another replica trained) into one of `modelsDir`;
   * resolves its directory, or undefined when no artifact has that name.
   */
  fetchModel?: (name: string) => Promise<string | undefined>;
}

const usage = (prompt: number, completion: number): Usage => ({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });

class BuiltinProvider implements LanguageModelProvider {
  readonly specificationVersion = 'v1';
  readonly family = 'builtin';
  readonly name: string;
  readonly #catalog: BuiltinModelCatalog;
  readonly #fetchModel: BuiltinProviderOptions['fetchModel'];

  constructor(options: BuiltinProviderOptions) {
    this.name = options.name ?? 'builtin';
    this.#catalog = new BuiltinModelCatalog(options.modelsDir);
    this.#fetchModel = options.fetchModel;
  }

  /** A model in a folder, or else fetched from the artifact store on first use. */
  async #entry(model: string) {
    const entry = this.#catalog.find(model);
    if (entry || !this.#fetchModel) return entry;
    try {
      if (!(await this.#fetchModel(model))) return undefined;
    } catch (cause) {
      throw new ProviderCallError({ provider: this.name, message: `builtin model ${model} could not be fetched from the artifact store: ${(cause as Error).message}`, statusCode: 503, cause });
    }
    return this.#catalog.find(model);
  }

  async #runtime(model: string): Promise<BuiltinRuntime> {
    const entry = await this.#entry(model);
    if (!entry) throw new ProviderCallError({ provider: this.name, message: `builtin model ${model} not found`, statusCode: 404 });
    try {
      return await this.#catalog.runtime(entry);
    } catch (cause) {
      throw new ProviderCallError({ provider: this.name, message: `builtin model ${model} could not be loaded: ${(cause as Error).message}`, statusCode: 500, cause });
    }
  }

  async #generate(rt: BuiltinRuntime, o: GenerateOptions): Promise<GenerateResult> {
    try {
      return await rt.generate(o);
    } catch (cause) {
      throw this.#failure(cause, o.signal);
    }
  }

  /** Our own errors and the caller's abort reason pass through; anything else is an upstream 500. */
  #failure(cause: unknown, signal?: AbortSignal): unknown {
    if (StewardError.is(cause) || signal?.aborted) return cause;
    return new ProviderCallError({ provider: this.name, message: `builtin generation failed: ${(cause as Error)?.message ?? String(cause)}`, statusCode: 500, cause });
  }

  async chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
    const turns = chatTurns(request);
    const rt = await this.#runtime(request.model);
    const prompt = rt.chatPrompt(turns);
    const n = request.n ?? 1;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => this.#generate(rt, { ...samplingOptions(request, i), prompt, signal: options.signal })));
    return {
      id: newId('chatcmpl-'),
      object: 'chat.completion',
      created: unixSeconds(),
      model: request.model,
      choices: results.map((r, index) => ({ index, message: { role: 'assistant', content: r.text, refusal: null }, finish_reason: r.finishReason, logprobs: null })),
      usage: usage(results[0].promptTokens, results.reduce((a, r) => a + r.completionTokens, 0)),
    };
  }

  async *streamChat(request: ChatRequest, options: CallOptions): AsyncIterable<ChatChunk> {
    const turns = chatTurns(request);
    if ((request.n ?? 1) > 1) throw unsupportedParameter(this.name, 'n > 1 with stream', 'stream one choice per request');
    const rt = await this.#runtime(request.model);
    const id = newId('chatcmpl-');
    const created = unixSeconds();
    const base = { id, object: 'chat.completion.chunk' as const, created, model: request.model };
    yield { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] };
    const stream = rt.stream({ ...samplingOptions(request, 0), prompt: rt.chatPrompt(turns), signal: options.signal });
    let result: GenerateResult;
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          result = next.value;
          break;
        }
        if (next.value.text !== '') yield { ...base, choices: [{ index: 0, delta: { content: next.value.text }, finish_reason: null, logprobs: null }] };
      }
    } catch (cause) {
      throw this.#failure(cause, options.signal);
    }
    yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: result.finishReason, logprobs: null }] };
    if (request.stream_options?.include_usage) yield { ...base, choices: [], usage: usage(result.promptTokens, result.completionTokens) };
  }

  async complete(request: CompletionRequest, options: CallOptions): Promise<TextCompletion> {
    const prompts = completionPrompts(request);
    const rt = await this.#runtime(request.model);
    const n = request.n ?? 1;
    const jobs = prompts.flatMap((prompt) => Array.from({ length: n }, (_, i) => this.#generate(rt, { ...samplingOptions(request, i), prompt, signal: options.signal })));
    const results = await Promise.all(jobs);
    const promptTokens = results.filter((_, i) => i % n === 0).reduce((a, r) => a + r.promptTokens, 0);
    return {
      id: newId('cmpl-'),
      object: 'text_completion',
      created: unixSeconds(),
      model: request.model,
      choices: results.map((r, index) => ({ index, text: r.text, finish_reason: r.finishReason, logprobs: null })),
      usage: usage(promptTokens, results.reduce((a, r) => a + r.completionTokens, 0)),
    };
  }

  async *streamComplete(request: CompletionRequest, options: CallOptions): AsyncIterable<TextCompletion> {
    const prompts = completionPrompts(request);
    if (prompts.length > 1 || (request.n ?? 1) > 1) throw unsupportedParameter(this.name, 'several prompts or n > 1 with stream', 'stream one completion per request');
    const rt = await this.#runtime(request.model);
    const base = { id: newId('cmpl-'), object: 'text_completion' as const, created: unixSeconds(), model: request.model };
    const stream = rt.stream({ ...samplingOptions(request, 0), prompt: prompts[0], signal: options.signal });
    let result: GenerateResult;
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          result = next.value;
          break;
        }
        if (next.value.text !== '') yield { ...base, choices: [{ index: 0, text: next.value.text, finish_reason: null, logprobs: null }] };
      }
    } catch (cause) {
      throw this.#failure(cause, options.signal);
    }
    yield { ...base, choices: [{ index: 0, text: '', finish_reason: result.finishReason, logprobs: null }] };
    if (request.stream_options?.include_usage) yield { ...base, choices: [], usage: usage(result.promptTokens, result.completionTokens) };
  }

  async embed(request: EmbeddingRequest, _options: CallOptions): Promise<EmbeddingResult> {
    const rt = await this.#runtime(request.model);
    const d = rt.model.config.dModel;
    if (request.dimensions !== undefined && request.dimensions !== d) throw unsupportedParameter(this.name, 'dimensions', `${request.model} embeddings have ${d} dimensions`);
    if (request.encoding_format === 'base64') throw unsupportedParameter(this.name, 'encoding_format base64', 'embeddings are returned as floats');
    const tok = rt.model.tokenizer;
    const input = request.input;
    const texts: string[] =
      typeof input === 'string'
        ? [input]
        : input.length > 0 && typeof input[0] === 'number'
          ? [this.#decodeIds(tok.vocabSize, input as number[], (ids) => tok.decode(ids))]
          : (input as (string | number[])[]).map((x) => (typeof x === 'string' ? x : this.#decodeIds(tok.vocabSize, x, (ids) => tok.decode(ids))));
    const { vectors, tokens } = rt.embed(texts);
    return {
      object: 'list',
      model: request.model,
      data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: Array.from(v) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }

  #decodeIds(vocab: number, ids: number[], decode: (ids: number[]) => string): string {
    const bad = ids.find((id) => id < 0 || id >= vocab);
    if (bad !== undefined) throw new StewardError({ code: 'VALIDATION_FAILED', message: `token id ${bad} is outside the vocabulary (0..${vocab - 1})` });
    return decode(ids);
  }

  async listModels(_options: CallOptions): Promise<ModelInfo[]> {
    return this.#catalog.list().map((e) => ({ id: e.id, object: 'model', created: e.created, owned_by: 'steward' }));
  }
}

/**
 * The builtin provider over the models found in `modelsDir`.
 * @example
 * const builtin = createBuiltinProvider({ modelsDir: ['models', 'data/models'] });
 * await builtin.chat({ model: 'steward-mini', messages: [{ role: 'user', content: 'What is 2 + 3?' }] }, { signal });
 */
export function createBuiltinProvider(options: BuiltinProviderOptions): LanguageModelProvider {
  return new BuiltinProvider(options);
}
