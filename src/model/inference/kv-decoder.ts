// Incremental inference with a KV cache: one forward pass over any mix of rows — a prompt's tokens
// (prefill) or the next token of many sequences at once (micro-batched decoding) — where each row
// attends to the cache of its own sequence. Weights may be F32 or int8 per matrix.
import type { ModelConfig } from '../config/model-config.js';
import type { BuiltinModel } from '../io/model-files.js';
import { applyRope, rmsNormForward, ropeTables, swigluForward } from '../nn/norm-rope-silu.js';
import type { RopeTables } from '../nn/norm-rope-silu.js';
import { weightViews } from '../nn/parameters.js';
import { matmulABtInt8 } from '../tensor/matmul.js';
import { type MatmulBackend, serialBackend } from '../tensor/matmul-backend.js';

/** A weight matrix [out, in] in F32 or int8 with per-row scales. */
export type LinearWeight = { kind: 'f32'; w: Float32Array } | { kind: 'i8'; q: Int8Array; scale: Float32Array };

interface InferenceLayer {
  attnNorm: Float32Array;
  wq: LinearWeight;
  wk: LinearWeight;
  wv: LinearWeight;
  wo: LinearWeight;
  mlpNorm: Float32Array;
  w1: LinearWeight;
  w3: LinearWeight;
  w2: LinearWeight;
}

/** Keys and values of one sequence for every layer, [contextLength, d] each. */
export class KvCache {
  readonly k: Float32Array[];
  readonly v: Float32Array[];
  /** Tokens already in the cache. */
  length = 0;

  constructor(config: ModelConfig) {
    this.k = Array.from({ length: config.nLayers }, () => new Float32Array(config.contextLength * config.dModel));
    this.v = Array.from({ length: config.nLayers }, () => new Float32Array(config.contextLength * config.dModel));
  }
}

/** One row of a forward pass: a token of a sequence at a position. */
export interface DecodeRow {
  cache: KvCache;
  position: number;
  token: number;
}

/** Runs the model incrementally over rows that each append one token to their sequence's cache. */
export class KvDecoder {
  readonly config: ModelConfig;
  readonly #embedding: Float32Array;
  readonly #head: LinearWeight;
  readonly #layers: InferenceLayer[];
  readonly #finalNorm: Float32Array;
  readonly #rope: RopeTables;
  readonly #backend: MatmulBackend;
  #rows = 0;
  #x: Float32Array = new Float32Array(0);
  #h: Float32Array = new Float32Array(0);
  #q: Float32Array = new Float32Array(0);
  #k: Float32Array = new Float32Array(0);
  #v: Float32Array = new Float32Array(0);
  #att: Float32Array = new Float32Array(0);
  #tmp: Float32Array = new Float32Array(0);
  #a: Float32Array = new Float32Array(0);
  #b: Float32Array = new Float32Array(0);
  #inv: Float32Array = new Float32Array(0);
  #logits: Float32Array = new Float32Array(0);
  #positions: Int32Array = new Int32Array(0);
  #scores: Float32Array;

  constructor(model: BuiltinModel, backend: MatmulBackend = serialBackend) {
    const c = model.config;
    this.config = c;
    this.#backend = backend;
    const w = weightViews(c, model.weights);
    const lin = (name: string, f32: Float32Array): LinearWeight => {
      const q = model.quantized?.get(name);
      return q ? { kind: 'i8', q: q.q, scale: q.scale } : { kind: 'f32', w: f32 };
    };
    this.#embedding = w.embedding;
    this.#head = lin('tok_embeddings.weight', w.embedding);
    this.#finalNorm = w.finalNorm;
    this.#layers = w.layers.map((L, i) => {
      const p = `layers.${i}.`;
      return {
        attnNorm: L.attnNorm,
        mlpNorm: L.mlpNorm,
        wq: lin(`${p}attn.wq.weight`, L.wq),
        wk: lin(`${p}attn.wk.weight`, L.wk),
        wv: lin(`${p}attn.wv.weight`, L.wv),
        wo: lin(`${p}attn.wo.weight`, L.wo),
        w1: lin(`${p}mlp.w1.weight`, L.w1),
        w3: lin(`${p}mlp.w3.weight`, L.w3),
        w2: lin(`${p}mlp.w2.weight`, L.w2),
      };
    });
    this.#rope = ropeTables(c.contextLength, c.dModel / c.nHeads, c.ropeTheta);
    this.#scores = new Float32Array(c.contextLength);
  }

  #ensure(rows: number): void {
    if (rows <= this.#rows) return;
    const c = this.config;
    const sab = (n: number) => new Float32Array(new SharedArrayBuffer(n * 4));
    this.#x = sab(rows * c.dModel);
    this.#h = sab(rows * c.dModel);
    this.#q = sab(rows * c.dModel);
    this.#k = sab(rows * c.dModel);
    this.#v = sab(rows * c.dModel);
    this.#att = sab(rows * c.dModel);
    this.#tmp = sab(rows * c.dModel);
    this.#a = sab(rows * c.dHidden);
    this.#b = sab(rows * c.dHidden);
    this.#inv = new Float32Array(rows);
    this.#logits = sab(rows * c.vocabSize);
    this.#positions = new Int32Array(rows);
    this.#rows = rows;
  }

  #linear(out: Float32Array, x: Float32Array, w: LinearWeight, rows: number, inDim: number, outDim: number): void {
    if (w.kind === 'f32') this.#backend.abt(out, x, w.w, rows, inDim, outDim, false);
    else matmulABtInt8(out, x, w.q, w.scale, rows, inDim, outDim);
  }

  /**
   * Appends each row's token to its cache and returns logits [rows, vocab] (reused by the next call),
   * or only fills {@link hidden} when `logits` is false. Rows of one sequence must come in position order.
   */
  forward(rows: readonly DecodeRow[], logits = true): Float32Array {
    const c = this.config;
    const n = rows.length;
    const d = c.dModel;
    const hd = d / c.nHeads;
    const H = c.dHidden;
    this.#ensure(n);
    const x = this.#x;
    for (let r = 0; r < n; r++) {
      const { token, position } = rows[r];
      if (position >= c.contextLength) throw new RangeError(`position ${position} beyond context ${c.contextLength}`);
      x.set(this.#embedding.subarray(token * d, token * d + d), r * d);
      this.#positions[r] = position;
    }
    const scale = 1 / Math.sqrt(hd);
    for (let l = 0; l < c.nLayers; l++) {
      const L = this.#layers[l];
      rmsNormForward(this.#h, this.#inv, x, L.attnNorm, n, d, c.normEps);
      this.#linear(this.#q, this.#h, L.wq, n, d, d);
      this.#linear(this.#k, this.#h, L.wk, n, d, d);
      this.#linear(this.#v, this.#h, L.wv, n, d, d);
      applyRope(this.#q, n, d, c.nHeads, this.#positions, this.#rope, 1);
      applyRope(this.#k, n, d, c.nHeads, this.#positions, this.#rope, 1);
      for (let r = 0; r < n; r++) {
        const { cache, position } = rows[r];
        cache.k[l].set(this.#k.subarray(r * d, r * d + d), position * d);
        cache.v[l].set(this.#v.subarray(r * d, r * d + d), position * d);
      }
      const att = this.#att;
      att.fill(0, 0, n * d);
      for (let r = 0; r < n; r++) {
        const { cache, position } = rows[r];
        const K = cache.k[l];
        const Vc = cache.v[l];
        for (let h = 0; h < c.nHeads; h++) {
          const qo = r * d + h * hd;
          let max = -Infinity;
          for (let u = 0; u <= position; u++) {
            const ko = u * d + h * hd;
            let dot = 0;
            for (let i = 0; i < hd; i++) dot += this.#q[qo + i] * K[ko + i];
            dot *= scale;
            this.#scores[u] = dot;
            if (dot > max) max = dot;
          }
          let sum = 0;
          for (let u = 0; u <= position; u++) {
            const e = Math.exp(this.#scores[u] - max);
            this.#scores[u] = e;
            sum += e;
          }
          for (let u = 0; u <= position; u++) {
            const p = this.#scores[u] / sum;
            const vo = u * d + h * hd;
            for (let i = 0; i < hd; i++) att[qo + i] += p * Vc[vo + i];
          }
        }
      }
      this.#linear(this.#tmp, att, L.wo, n, d, d);
      for (let i = 0; i < n * d; i++) x[i] += this.#tmp[i];
      rmsNormForward(this.#h, this.#inv, x, L.mlpNorm, n, d, c.normEps);
      this.#linear(this.#a, this.#h, L.w1, n, d, H);
      this.#linear(this.#b, this.#h, L.w3, n, d, H);
      swigluForward(this.#a, this.#a, this.#b, n * H);
      this.#linear(this.#tmp, this.#a, L.w2, n, H, d);
      for (let i = 0; i < n * d; i++) x[i] += this.#tmp[i];
    }
    for (const row of rows) row.cache.length = Math.max(row.cache.length, row.position + 1);
    rmsNormForward(this.#h, this.#inv, x, this.#finalNorm, n, d, c.normEps);
    if (!logits) return this.#h.subarray(0, n * d);
    this.#linear(this.#logits, this.#h, this.#head, n, d, c.vocabSize);
    return this.#logits.subarray(0, n * c.vocabSize);
  }

  /** Final normalised hidden states [rows, d] of the last forward pass. */
  get hidden(): Float32Array {
    return this.#h;
  }
}
