// A byte-level BPE tokenizer: every byte is a token, merges learnt from a corpus join frequent
// pairs, and a few special tokens frame chat turns. Serialised as a small JSON file.
import { createHash } from 'node:crypto';
import { StewardError } from '../../errors/index.js';

/** Special tokens, in id order right after the 256 byte tokens. */
export const SPECIAL_TOKENS = ['<|endoftext|>', '<|system|>', '<|user|>', '<|assistant|>', '<|end|>', '<|pad|>'] as const;
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

/** GPT-2 style pre-tokenisation, but digits one by one (it helps arithmetic). */
export const PRETOKENIZE_PATTERN = "'(?:s|t|re|ve|m|ll|d)| ?\\p{L}+| ?\\p{N}| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** The JSON form of a tokenizer (tokenizer.json). */
export interface TokenizerJson {
  type: 'byte-level-bpe';
  version: 1;
  pattern: string;
  specialTokens: { id: number; content: string }[];
  merges: [number, number][];
}

const FIRST_MERGE_ID = 256 + SPECIAL_TOKENS.length;

/** Encodes text to token ids and back. Immutable once built. */
export class ByteBpeTokenizer {
  readonly merges: readonly [number, number][];
  readonly vocabSize: number;
  /** sha256 of the canonical JSON, recorded in a model's config to detect a mismatched tokenizer. */
  readonly hash: string;
  readonly #ranks = new Map<number, number>();
  readonly #bytes: Uint8Array[] = [];
  readonly #regex: RegExp;
  readonly #cache = new Map<string, number[]>();
  readonly #specialIds = new Map<string, number>();

  constructor(merges: readonly [number, number][]) {
    this.merges = merges;
    this.vocabSize = FIRST_MERGE_ID + merges.length;
    for (let b = 0; b < 256; b++) this.#bytes.push(Uint8Array.of(b));
    SPECIAL_TOKENS.forEach((s, i) => {
      this.#bytes.push(new TextEncoder().encode(s));
      this.#specialIds.set(s, 256 + i);
    });
    merges.forEach(([a, b], i) => {
      if (!(a >= 0 && b >= 0 && a < FIRST_MERGE_ID + i && b < FIRST_MERGE_ID + i) || this.isSpecial(a) || this.isSpecial(b)) {
        throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `tokenizer: merge ${i} (${a}, ${b}) refers to an unknown or special token` });
      }
      this.#ranks.set(a * 1_000_003 + b, i);
      const joined = new Uint8Array(this.#bytes[a].length + this.#bytes[b].length);
      joined.set(this.#bytes[a]);
      joined.set(this.#bytes[b], this.#bytes[a].length);
      this.#bytes.push(joined);
    });
    this.#regex = new RegExp(PRETOKENIZE_PATTERN, 'gu');
    this.hash = createHash('sha256').update(JSON.stringify(this.toJSON())).digest('hex');
  }

  /** Id of a special token. */
  special(token: SpecialToken): number {
    return this.#specialIds.get(token)!;
  }

  isSpecial(id: number): boolean {
    return id >= 256 && id < FIRST_MERGE_ID;
  }

  /** Token ids of `text`; special-token strings are encoded as plain text unless `allowSpecial`. */
  encode(text: string, allowSpecial = false): number[] {
    const out: number[] = [];
    if (!allowSpecial) {
      this.#encodeOrdinary(text, out);
      return out;
    }
    const re = /<\|(?:endoftext|system|user|assistant|end|pad)\|>/g;
    let last = 0;
    for (const m of text.matchAll(re)) {
      this.#encodeOrdinary(text.slice(last, m.index), out);
      out.push(this.#specialIds.get(m[0])!);
      last = m.index + m[0].length;
    }
    this.#encodeOrdinary(text.slice(last), out);
    return out;
  }

  #encodeOrdinary(text: string, out: number[]): void {
    if (text.length === 0) return;
    const encoder = new TextEncoder();
    for (const m of text.matchAll(this.#regex)) {
      const piece = m[0];
      const cached = this.#cache.get(piece);
      if (cached) {
        out.push(...cached);
        continue;
      }
      const ids = Array.from(encoder.encode(piece));
      for (;;) {
        let best = -1;
        let bestRank = Infinity;
        for (let i = 0; i + 1 < ids.length; i++) {
          const r = this.#ranks.get(ids[i] * 1_000_003 + ids[i + 1]);
          if (r !== undefined && r < bestRank) {
            bestRank = r;
            best = i;
          }
        }
        if (best < 0) break;
        ids.splice(best, 2, FIRST_MERGE_ID + bestRank);
      }
      if (this.#cache.size < 50_000) this.#cache.set(piece, ids);
      out.push(...ids);
    }
  }

  /** The bytes a token stands for (a special token's bytes are its text). */
  tokenBytes(id: number): Uint8Array {
    const b = this.#bytes[id];
    if (!b) throw new RangeError(`token id ${id} outside vocabulary`);
    return b;
  }

  /** Text of a sequence of ids; special tokens are dropped unless `keepSpecial`. */
  decode(ids: readonly number[], keepSpecial = false): string {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const id of ids) {
      if (!keepSpecial && this.isSpecial(id)) continue;
      const b = this.tokenBytes(id);
      parts.push(b);
      size += b.length;
    }
    const all = new Uint8Array(size);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return new TextDecoder().decode(all);
  }

  toJSON(): TokenizerJson {
    return {
      type: 'byte-level-bpe',
      version: 1,
      pattern: PRETOKENIZE_PATTERN,
      specialTokens: SPECIAL_TOKENS.map((content, i) => ({ id: 256 + i, content })),
      merges: this.merges.map(([a, b]) => [a, b]),
    };
  }

  /** Parses tokenizer.json content, with a clear error when it is not one of ours. */
  static fromJSON(raw: unknown, source = 'tokenizer.json'): ByteBpeTokenizer {
    const r = raw as Partial<TokenizerJson> | null;
    if (r?.type !== 'byte-level-bpe' || r.version !== 1 || !Array.isArray(r.merges)) {
      throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: not a byte-level-bpe tokenizer (version 1)` });
    }
    if (r.pattern !== PRETOKENIZE_PATTERN) {
      throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: unsupported pre-tokenisation pattern` });
    }
    const merges = r.merges.map((m, i): [number, number] => {
      if (!Array.isArray(m) || m.length !== 2 || !Number.isInteger(m[0]) || !Number.isInteger(m[1])) {
        throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: merge ${i} is not a pair of integers` });
      }
      return [m[0], m[1]];
    });
    return new ByteBpeTokenizer(merges);
  }
}

/**
 * Learns `vocabSize − 262` merges from a corpus, deterministically (ties broken by lowest ids).
 * Special-token strings in the corpus are ignored for merge counting.
 */
export function trainTokenizer(corpus: string, vocabSize: number): ByteBpeTokenizer {
  const nMerges = vocabSize - FIRST_MERGE_ID;
  if (nMerges < 0) throw new RangeError(`vocabSize must be at least ${FIRST_MERGE_ID}`);
  const text = corpus.replace(/<\|(?:endoftext|system|user|assistant|end|pad)\|>/g, ' ');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(PRETOKENIZE_PATTERN, 'gu'))) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  const encoder = new TextEncoder();
  const words: { ids: number[]; count: number }[] = [...counts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([w, count]) => ({ ids: Array.from(encoder.encode(w)), count }));
  const merges: [number, number][] = [];
  for (let m = 0; m < nMerges; m++) {
    const pairs = new Map<number, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.ids.length; i++) {
        const key = w.ids[i] * 1_000_003 + w.ids[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + w.count);
      }
    }
    let bestKey = -1;
    let bestCount = 1;
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && bestKey >= 0 && key < bestKey)) {
        bestKey = key;
        bestCount = count;
      }
    }
    if (bestKey < 0) break;
    const a = Math.floor(bestKey / 1_000_003);
    const b = bestKey % 1_000_003;
    const id = FIRST_MERGE_ID + m;
    merges.push([a, b]);
    for (const w of words) {
      const ids = w.ids;
      for (let i = 0; i + 1 < ids.length; i++) if (ids[i] === a && ids[i + 1] === b) ids.splice(i, 2, id);
    }
  }
  return new ByteBpeTokenizer(merges);
}
