// Serves one loaded model: generation (whole or streamed) and embeddings. Concurrent requests are
// micro-batched: every decoding step runs the next token of all active sequences in one forward pass.
import { StewardError } from '../../errors/index.js';
import { KvCache, type DecodeRow, KvDecoder } from '../inference/kv-decoder.js';
import { BUILTIN_SAMPLING_DEFAULTS, type SamplingOptions, sampleToken } from '../inference/sampler.js';
import type { BuiltinModel } from '../io/model-files.js';
import { Prng } from '../nn/prng.js';
import type { MatmulBackend } from '../tensor/matmul-backend.js';
import { SPECIAL_TOKENS } from '../tokenizer/byte-bpe-tokenizer.js';
import { type ChatTurn, renderChat } from '../tokenizer/chat-template.js';

/** One generation request. */
export interface GenerateOptions extends SamplingOptions {
  /** Raw text (completion) or token ids (e.g. a rendered chat). */
  prompt: string | readonly number[];
  /** Default 64; capped by the context window. */
  maxTokens?: number;
  /** Up to 4 strings; the text stops before the first one found. */
  stop?: readonly string[];
  /** Same seed, same prompt, same settings → same output. */
  seed?: number;
  signal?: AbortSignal;
  /** Never stop at the end-of-turn tokens (they are not sampled): for throughput measurements. */
  ignoreEos?: boolean;
}

/** A piece of streamed output. */
export interface GenerationChunk {
  text: string;
  tokens: number[];
}

export type GenerationFinishReason = 'stop' | 'length';

/** The outcome of a generation. */
export interface GenerateResult {
  text: string;
  finishReason: GenerationFinishReason;
  promptTokens: number;
  completionTokens: number;
}

interface Active {
  opts: GenerateOptions;
  cache: KvCache;
  prompt: number[];
  prefilled: boolean;
  nextToken: number;
  position: number;
  maxTokens: number;
  rng: Prng;
  counts: Map<number, number>;
  generated: number;
  decoder: TextDecoder;
  text: string;
  emitted: number;
  stopHold: number;
  onChunk: (c: GenerationChunk) => void;
  resolve: (r: GenerateResult) => void;
  reject: (e: unknown) => void;
  pendingTokens: number[];
  done: boolean;
  truncatedPrompt: number;
}

/** Options of the runtime. */
export interface RuntimeOptions {
  /** Most sequences decoded in one forward pass (default 16). */
  maxBatch?: number;
  backend?: MatmulBackend;
}

/**
 * Generation and embeddings over one model, with continuous micro-batching of concurrent requests.
 * @example
 * const rt = new BuiltinRuntime(loadModel('models/steward-mini'));
 * const r = await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: 'What is 2 + 3?' }]), temperature: 0 });
 */
export class BuiltinRuntime {
  readonly model: BuiltinModel;
  readonly #decoder: KvDecoder;
  readonly #maxBatch: number;
  readonly #queue: Active[] = [];
  readonly #active: Active[] = [];
  readonly #stopIds: Set<number>;
  /** Never the first token of an answer: an end token would make it empty, other specials are not text. */
  readonly #specialIds: Set<number>;
  readonly #sampling: SamplingOptions;
  readonly #scratch: Float32Array;
  #pumping = false;
  /** Rows of the largest decode step so far (shows micro-batching at work). */
  maxObservedBatch = 0;

  constructor(model: BuiltinModel, options: RuntimeOptions = {}) {
    this.model = model;
    this.#decoder = new KvDecoder(model, options.backend);
    this.#maxBatch = options.maxBatch ?? 16;
    const t = model.tokenizer;
    this.#stopIds = new Set([t.special('<|end|>'), t.special('<|endoftext|>')]);
    this.#specialIds = new Set(SPECIAL_TOKENS.map((s) => t.special(s)));
    this.#sampling = { ...BUILTIN_SAMPLING_DEFAULTS, ...model.meta.sampling };
    this.#scratch = new Float32Array(model.config.vocabSize);
  }

  /** Token ids of a conversation ending with an open assistant turn. */
  chatPrompt(turns: readonly ChatTurn[]): number[] {
    return renderChat(this.model.tokenizer, turns, true).ids;
  }

  /** Generates until a stop token, a stop string or maxTokens. */
  generate(opts: GenerateOptions): Promise<GenerateResult> {
    return this.#start(opts, () => {});
  }

  /** Streams text pieces; the returned iterator's final value is the {@link GenerateResult}. */
  async *stream(opts: GenerateOptions): AsyncGenerator<GenerationChunk, GenerateResult> {
    const chunks: GenerationChunk[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    const result = this.#start(opts, (c) => {
      chunks.push(c);
      wake?.();
    }).finally(() => {
      finished = true;
      wake?.();
    });
    result.catch(() => {});
    for (;;) {
      while (chunks.length > 0) yield chunks.shift()!;
      if (finished) break;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
    return await result;
  }

  #start(opts: GenerateOptions, onChunk: (c: GenerationChunk) => void): Promise<GenerateResult> {
    const c = this.model.config;
    const tok = this.model.tokenizer;
    let prompt = typeof opts.prompt === 'string' ? tok.encode(opts.prompt) : [...opts.prompt];
    if (prompt.length === 0) prompt = [tok.special('<|endoftext|>')];
    const wanted = opts.maxTokens ?? 64;
    // Keep room for at least one new token: drop the oldest prompt tokens beyond the window.
    const truncatedPrompt = Math.max(0, prompt.length - (c.contextLength - 1));
    if (truncatedPrompt > 0) prompt = prompt.slice(truncatedPrompt);
    const maxTokens = Math.min(wanted, c.contextLength - prompt.length);
    const stops = (opts.stop ?? []).filter((s) => s.length > 0);
    // Settings the request leaves out come from the model (its trained tasks want little randomness).
    const d = this.#sampling;
    const sampling: SamplingOptions = { temperature: opts.temperature ?? d.temperature, topP: opts.topP ?? d.topP, topK: opts.topK ?? d.topK };
    return new Promise<GenerateResult>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(opts.signal.reason ?? new Error('aborted'));
        return;
      }
      this.#queue.push({
        opts: { ...opts, ...sampling, stop: stops },
        cache: new KvCache(c),
        prompt,
        prefilled: false,
        nextToken: -1,
        position: 0,
        maxTokens,
        rng: new Prng(opts.seed ?? Math.floor(Math.random() * 2 ** 31)),
        counts: new Map(),
        generated: 0,
        decoder: new TextDecoder(),
        text: '',
        emitted: 0,
        stopHold: stops.reduce((m, s) => Math.max(m, s.length - 1), 0),
        onChunk,
        resolve,
        reject,
        pendingTokens: [],
        done: false,
        truncatedPrompt,
      });
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 || this.#active.length > 0) {
        while (this.#queue.length > 0 && this.#active.length < this.#maxBatch) this.#active.push(this.#queue.shift()!);
        this.#step();
        for (let i = this.#active.length - 1; i >= 0; i--) if (this.#active[i].done) this.#active.splice(i, 1);
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.#pumping = false;
    }
  }

  #step(): void {
    const V = this.model.config.vocabSize;
    for (const a of this.#active) {
      if (a.opts.signal?.aborted) {
        a.done = true;
        a.reject(a.opts.signal.reason ?? new Error('aborted'));
      }
    }
    // prefill new sequences, one forward each (rows = prompt tokens)
    for (const a of this.#active) {
      if (a.done || a.prefilled) continue;
      try {
        const rows: DecodeRow[] = a.prompt.map((token, position) => ({ cache: a.cache, position, token }));
        const logits = this.#decoder.forward(rows);
        a.prefilled = true;
        a.position = a.prompt.length;
        this.#accept(a, logits.subarray((rows.length - 1) * V, rows.length * V));
      } catch (e) {
        a.done = true;
        a.reject(e);
      }
    }
    const batch = this.#active.filter((a) => !a.done && a.prefilled && a.nextToken >= 0);
    if (batch.length === 0) return;
    this.maxObservedBatch = Math.max(this.maxObservedBatch, batch.length);
    const rows: DecodeRow[] = batch.map((a) => ({ cache: a.cache, position: a.position, token: a.nextToken }));
    const logits = this.#decoder.forward(rows);
    batch.forEach((a, i) => {
      a.position++;
      this.#accept(a, logits.subarray(i * V, (i + 1) * V));
    });
  }

  /** Samples the next token of `a` from its logits row and emits text or finishes. */
  #accept(a: Active, row: Float32Array): void {
    if (a.maxTokens <= 0) {
      this.#finish(a, 'length');
      return;
    }
    // At least one real token unless max_tokens is 0: a non-empty prompt never gets an empty answer.
    const banned = a.generated === 0 ? this.#specialIds : a.opts.ignoreEos ? this.#stopIds : BANNED_NONE;
    const token = sampleToken(row, a.opts, a.rng, a.counts, banned, this.#scratch);
    if (this.#stopIds.has(token)) {
      this.#finish(a, 'stop');
      return;
    }
    a.generated++;
    a.counts.set(token, (a.counts.get(token) ?? 0) + 1);
    a.text += a.decoder.decode(this.model.tokenizer.tokenBytes(token), { stream: true });
    a.pendingTokens.push(token);
    const stops = a.opts.stop ?? [];
    for (const s of stops) {
      const at = a.text.indexOf(s, Math.max(0, a.emitted - s.length));
      if (at >= 0) {
        a.text = a.text.slice(0, at);
        this.#finish(a, 'stop');
        return;
      }
    }
    if (a.generated >= a.maxTokens) {
      this.#finish(a, 'length');
      return;
    }
    a.nextToken = token;
    const safe = a.text.length - a.stopHold;
    if (safe > a.emitted) {
      a.onChunk({ text: a.text.slice(a.emitted, safe), tokens: a.pendingTokens });
      a.pendingTokens = [];
      a.emitted = safe;
    }
  }

  #finish(a: Active, reason: GenerationFinishReason): void {
    if (a.done) return;
    a.done = true;
    a.text += a.decoder.decode();
    if (a.text.length > a.emitted || a.pendingTokens.length > 0) a.onChunk({ text: a.text.slice(a.emitted), tokens: a.pendingTokens });
    a.resolve({ text: a.text, finishReason: reason, promptTokens: a.prompt.length + a.truncatedPrompt, completionTokens: a.generated });
  }

  /** Mean-pooled final hidden states, L2-normalised, one vector per text; also returns token counts. */
  embed(texts: readonly string[]): { vectors: Float32Array[]; tokens: number } {
    const c = this.model.config;
    const d = c.dModel;
    const vectors: Float32Array[] = [];
    let tokens = 0;
    for (const text of texts) {
      let ids = this.model.tokenizer.encode(text);
      if (ids.length === 0) ids = [this.model.tokenizer.special('<|endoftext|>')];
      if (ids.length > c.contextLength) ids = ids.slice(0, c.contextLength);
      tokens += ids.length;
      const cache = new KvCache(c);
      const hidden = this.#decoder.forward(ids.map((token, position) => ({ cache, position, token })), false);
      const v = new Float32Array(d);
      for (let r = 0; r < ids.length; r++) for (let j = 0; j < d; j++) v[j] += hidden[r * d + j];
      let norm = 0;
      for (let j = 0; j < d; j++) norm += v[j] * v[j];
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < d; j++) v[j] /= norm;
      vectors.push(v);
    }
    if (texts.length === 0) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'embed needs at least one input' });
    return { vectors, tokens };
  }
}

const BANNED_NONE: ReadonlySet<number> = new Set();
