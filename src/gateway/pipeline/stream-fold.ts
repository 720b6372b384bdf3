// The fold stage of a stream: passes the upstream's chunks to the client (usage only when asked)
// while folding them into one answer for the trace, the cache and usage; when the stream breaks
// after some text and the route opts in, continues it on the next target (see `resume`); and
// when it ends, however it ends, reports the call once.
import type { ChatChunk, ChatCompletion, ChatRequest, CompletionRequest, LanguageModelProvider, Usage } from '../../providers/spec/index.js';
import { GatewayCallError } from '../call/gateway-call-error.js';
import { type TargetRun, finalError } from '../resilience/run-targets.js';

/** An open upstream stream: its iterator and the first chunk (which proved the target answers). */
export interface OpenStream<C> {
  iterator: AsyncIterator<C>;
  first: IteratorResult<C>;
}

/** Folds chunks into an answer. */
export interface StreamAssembler<C, A> {
  add(chunk: C): void;
  result(): A;
  usage: Usage | undefined;
  textLength: number;
}

/** What differs between chat and text streams. */
export interface StreamSpec<C, A> {
  open(provider: LanguageModelProvider, body: ChatRequest | CompletionRequest, signal: AbortSignal): AsyncIterable<C>;
  assembler(): StreamAssembler<C, A>;
  replay(answer: A, includeUsage: boolean): C[];
  isUsageOnly(chunk: C): boolean;
}

/** How a broken stream continued: the new run, and a rewrite that makes its chunks read as the first stream's. */
export interface Resumed<C> {
  run: TargetRun<OpenStream<C>>;
  splice(chunk: C): C;
}

/** How the fold reports its end. */
export interface FoldEnd<A> {
  run: TargetRun<OpenStream<unknown>>;
  answer: A;
  usage: Usage;
  /** Undefined when the stream finished. */
  error: GatewayCallError | undefined;
}

export interface FoldOptions<C, A> {
  spec: StreamSpec<C, A>;
  run: TargetRun<OpenStream<C>>;
  includeUsage: boolean;
  clientSignal: AbortSignal | undefined;
  /** Tokens of the request, estimated when the upstream reports no usage. */
  estimateUsage(outputChars: number): Usage;
  /** Continues a broken stream on the next target; undefined when it cannot or may not. */
  resume(error: unknown, partial: A, run: TargetRun<OpenStream<C>>): Promise<Resumed<C> | undefined>;
  ended(end: FoldEnd<A>): void;
}

/** One streamed call being folded; `abort` stops whichever target is streaming now. */
export class StreamFold<C, A> {
  readonly #options: FoldOptions<C, A>;
  #run: TargetRun<OpenStream<C>>;

  constructor(options: FoldOptions<C, A>) {
    this.#options = options;
    this.#run = options.run;
  }

  abort(reason?: unknown): void {
    this.#run.abort(reason);
  }

  async *chunks(): AsyncGenerator<C> {
    const { spec, includeUsage } = this.#options;
    const folded = spec.assembler();
    let { iterator, first: next } = this.#run.value;
    let splice: ((chunk: C) => C) | undefined;
    let splicedChars = 0;
    let finished = false;
    let failure: GatewayCallError | undefined;
    try {
      for (;;) {
        try {
          while (!next.done) {
            const chunk = splice ? splice(next.value) : next.value;
            folded.add(chunk);
            if (includeUsage) yield chunk;
            else if (!spec.isUsageOnly(chunk)) yield withoutUsage(chunk);
            next = await iterator.next();
          }
          break;
        } catch (error) {
          const broken = this.#run;
          const chars = folded.textLength;
          await iterator.return?.().catch(() => undefined);
          const resumed = await this.#options.resume(error, folded.result(), broken);
          if (!resumed) throw error;
          splicedChars = chars;
          this.#run = resumed.run;
          splice = resumed.splice;
          ({ iterator, first: next } = resumed.run.value);
        }
      }
      finished = true;
    } catch (error) {
      failure = finalError(error, this.#run.attempts);
      throw failure;
    } finally {
      const run = this.#run;
      if (!finished) await iterator.return?.().catch(() => undefined);
      const answer = folded.result();
      const usage = usageWithSplice(folded.usage, splicedChars) ?? this.#options.estimateUsage(folded.textLength);
      let error: GatewayCallError | undefined;
      if (finished) run.release('ok');
      else {
        const clientGone = failure === undefined || this.#options.clientSignal?.aborted === true;
        run.release(clientGone ? 'ignored' : 'error');
        error = clientGone ? GatewayCallError.clientClosed(run.attempts) : failure;
      }
      this.#options.ended({ run: run as TargetRun<OpenStream<unknown>>, answer, usage, error });
    }
  }
}

/** The upstream's usage with the text of the broken stream (not in its count) estimated on top. */
function usageWithSplice(usage: Usage | undefined, splicedChars: number): Usage | undefined {
  if (!usage || splicedChars === 0) return usage;
  const extra = Math.ceil(splicedChars / 4);
  return { ...usage, completion_tokens: usage.completion_tokens + extra, total_tokens: usage.total_tokens + extra };
}

function withoutUsage<C>(chunk: C): C {
  const usage = (chunk as { usage?: unknown }).usage;
  return usage ? ({ ...chunk, usage: undefined } as C) : chunk;
}

/** Opens a stream and waits for its first chunk: a target that fails before it is retried or fallen back from. */
export async function openFirst<C>(stream: AsyncIterable<C>): Promise<OpenStream<C>> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  return { iterator, first };
}

/** The request that continues a broken chat stream: the partial answer as the assistant's prefix. */
export function continuationRequest(request: ChatRequest, partial: ChatCompletion): ChatRequest | undefined {
  if (partial.choices.length !== 1) return undefined;
  const [choice] = partial.choices;
  // Tool calls in progress cannot be spliced; an answer that had finished needs no continuation.
  if (choice.finish_reason || choice.message.tool_calls?.length || !choice.message.content) return undefined;
  return { ...request, messages: [...request.messages, { role: 'assistant', content: choice.message.content }] };
}

/** Makes a continuation's chunks read as the first stream's: its id, creation time and model, no second role. */
export function spliceChunks(first: ChatCompletion): (chunk: ChatChunk) => ChatChunk {
  return (chunk) => ({
    ...chunk,
    id: first.id,
    created: first.created,
    model: first.model,
    choices: chunk.choices.map((choice) => (choice.delta.role === undefined ? choice : { ...choice, delta: { ...choice.delta, role: undefined } })),
  });
}

/** About four characters per token, when the upstream reports no usage. */
export function estimateUsage(request: ChatRequest | CompletionRequest, outputChars: number): Usage {
  const input = 'messages' in request ? JSON.stringify(request.messages).length : 'prompt' in request ? JSON.stringify(request.prompt).length : 0;
  const prompt = Math.ceil(input / 4);
  const completion = Math.ceil(outputChars / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

