// The training graph of the decoder-only transformer: a forward pass over B packed sequences that
// keeps every activation, and the backward pass that turns dLogits into gradients for every weight.
import type { ModelConfig } from '../config/model-config.js';
import { LinearKernels } from '../tensor/matmul-backend.js';
import type { MatmulBackend } from '../tensor/matmul-backend.js';
import { attentionBackward, attentionForward } from './causal-attention.js';
import type { AttentionShape } from './causal-attention.js';
import { applyRope, rmsNormBackward, rmsNormForward, ropeTables, swigluBackward, swigluForward } from './norm-rope-silu.js';
import type { RopeTables } from './norm-rope-silu.js';
import type { WeightViews } from './parameters.js';
import { sharedFloats } from './parameters.js';

interface LayerActivations {
  xIn: Float32Array;
  inv1: Float32Array;
  h1: Float32Array;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  probs: Float32Array;
  att: Float32Array;
  xMid: Float32Array;
  inv2: Float32Array;
  h2: Float32Array;
  a: Float32Array;
  b: Float32Array;
  s: Float32Array;
}

/**
 * Forward/backward of the whole model for training, fine-tuning and evaluation. Buffers are
 * allocated for the largest batch seen and reused; call {@link forward} then {@link backward}.
 */
export class TransformerGraph {
  readonly config: ModelConfig;
  readonly kernels: LinearKernels;
  readonly rope: RopeTables;
  #capacityRows = 0;
  #capacityProbs = 0;
  #acts: LayerActivations[] = [];
  #tokens: Int32Array = new Int32Array(0);
  #positions: Int32Array = new Int32Array(0);
  #xFinal: Float32Array = new Float32Array(0);
  #invF: Float32Array = new Float32Array(0);
  #hF: Float32Array = new Float32Array(0);
  #logits: Float32Array = new Float32Array(0);
  // backward scratch
  #dx: Float32Array = new Float32Array(0);
  #dh: Float32Array = new Float32Array(0);
  #dq: Float32Array = new Float32Array(0);
  #dk: Float32Array = new Float32Array(0);
  #dv: Float32Array = new Float32Array(0);
  #dAtt: Float32Array = new Float32Array(0);
  #dS: Float32Array = new Float32Array(0);
  #dA: Float32Array = new Float32Array(0);
  #dB: Float32Array = new Float32Array(0);
  #dp: Float32Array = new Float32Array(0);
  #shape: AttentionShape = { B: 0, T: 0, nHeads: 1, headDim: 1 };

  constructor(config: ModelConfig, backend?: MatmulBackend) {
    this.config = config;
    this.kernels = new LinearKernels(backend);
    this.rope = ropeTables(config.contextLength, config.dModel / config.nHeads, config.ropeTheta);
  }

  #ensure(B: number, T: number): void {
    const c = this.config;
    const N = B * T;
    const probs = B * c.nHeads * T * T;
    if (N <= this.#capacityRows && probs <= this.#capacityProbs) return;
    const rows = Math.max(N, this.#capacityRows);
    const pr = Math.max(probs, this.#capacityProbs);
    const d = c.dModel;
    const h = c.dHidden;
    this.#acts = [];
    for (let l = 0; l < c.nLayers; l++) {
      this.#acts.push({
        xIn: sharedFloats(rows * d),
        inv1: new Float32Array(rows),
        h1: sharedFloats(rows * d),
        q: sharedFloats(rows * d),
        k: sharedFloats(rows * d),
        v: sharedFloats(rows * d),
        probs: new Float32Array(pr),
        att: sharedFloats(rows * d),
        xMid: sharedFloats(rows * d),
        inv2: new Float32Array(rows),
        h2: sharedFloats(rows * d),
        a: sharedFloats(rows * h),
        b: sharedFloats(rows * h),
        s: sharedFloats(rows * h),
      });
    }
    this.#tokens = new Int32Array(rows);
    this.#positions = new Int32Array(rows);
    this.#xFinal = sharedFloats(rows * d);
    this.#invF = new Float32Array(rows);
    this.#hF = sharedFloats(rows * d);
    this.#logits = sharedFloats(rows * c.vocabSize);
    this.#dx = sharedFloats(rows * d);
    this.#dh = sharedFloats(rows * d);
    this.#dq = sharedFloats(rows * d);
    this.#dk = sharedFloats(rows * d);
    this.#dv = sharedFloats(rows * d);
    this.#dAtt = sharedFloats(rows * d);
    this.#dS = sharedFloats(rows * h);
    this.#dA = sharedFloats(rows * h);
    this.#dB = sharedFloats(rows * h);
    this.#dp = new Float32Array(c.contextLength);
    this.#capacityRows = rows;
    this.#capacityProbs = pr;
  }

  /** Final hidden states [B*T, d] of the last forward pass (after the final norm). */
  get hidden(): Float32Array {
    return this.#hF;
  }

  /**
   * Runs B sequences of T tokens (row-major in `tokens`) and returns logits [B*T, vocab]. The
   * returned array is reused by the next call.
   */
  forward(w: WeightViews, tokens: ArrayLike<number>, B: number, T: number): Float32Array {
    const c = this.config;
    if (T > c.contextLength) throw new RangeError(`sequence length ${T} exceeds context ${c.contextLength}`);
    this.#ensure(B, T);
    const N = B * T;
    const d = c.dModel;
    const hd = c.dHidden;
    const k = this.kernels;
    this.#shape = { B, T, nHeads: c.nHeads, headDim: d / c.nHeads };
    for (let n = 0; n < N; n++) {
      const t = tokens[n];
      if (t < 0 || t >= c.vocabSize || !Number.isInteger(t)) throw new RangeError(`token id ${t} outside vocabulary`);
      this.#tokens[n] = t;
      this.#positions[n] = n % T;
    }
    let x = this.#acts.length > 0 ? this.#acts[0].xIn : this.#xFinal;
    for (let n = 0; n < N; n++) x.set(w.embedding.subarray(this.#tokens[n] * d, this.#tokens[n] * d + d), n * d);
    for (let l = 0; l < c.nLayers; l++) {
      const L = w.layers[l];
      const A = this.#acts[l];
      rmsNormForward(A.h1, A.inv1, A.xIn, L.attnNorm, N, d, c.normEps);
      k.forward(A.q, A.h1, L.wq, N, d, d);
      k.forward(A.k, A.h1, L.wk, N, d, d);
      k.forward(A.v, A.h1, L.wv, N, d, d);
      applyRope(A.q, N, d, c.nHeads, this.#positions, this.rope, 1);
      applyRope(A.k, N, d, c.nHeads, this.#positions, this.rope, 1);
      attentionForward(A.att, A.probs, A.q, A.k, A.v, this.#shape);
      k.forward(A.xMid, A.att, L.wo, N, d, d);
      for (let i = 0; i < N * d; i++) A.xMid[i] += A.xIn[i];
      rmsNormForward(A.h2, A.inv2, A.xMid, L.mlpNorm, N, d, c.normEps);
      k.forward(A.a, A.h2, L.w1, N, d, hd);
      k.forward(A.b, A.h2, L.w3, N, d, hd);
      swigluForward(A.s, A.a, A.b, N * hd);
      const next = l + 1 < c.nLayers ? this.#acts[l + 1].xIn : this.#xFinal;
      k.forward(next, A.s, L.w2, N, hd, d);
      for (let i = 0; i < N * d; i++) next[i] += A.xMid[i];
      x = next;
    }
    rmsNormForward(this.#hF, this.#invF, x, w.finalNorm, N, d, c.normEps);
    k.forward(this.#logits, this.#hF, w.embedding, N, d, c.vocabSize);
    return this.#logits.subarray(0, N * c.vocabSize);
  }

  /** Accumulates into `g` the gradients of the last forward pass given dLogits [B*T, vocab]. */
  backward(w: WeightViews, g: WeightViews, dLogits: Float32Array): void {
    const c = this.config;
    const { B, T } = this.#shape;
    const N = B * T;
    const d = c.dModel;
    const hd = c.dHidden;
    const V = c.vocabSize;
    const k = this.kernels;
    const dx = this.#dx;
    const dh = this.#dh;
    k.backwardWeight(g.embedding, dLogits, this.#hF, N, d, V);
    k.backwardInput(dh, dLogits, w.embedding, N, d, V, false);
    dx.fill(0, 0, N * d);
    const xLast = c.nLayers > 0 ? this.#xFinal : this.#acts[0]?.xIn ?? this.#xFinal;
    rmsNormBackward(dx, g.finalNorm, dh, xLast, this.#invF, w.finalNorm, N, d);
    for (let l = c.nLayers - 1; l >= 0; l--) {
      const L = w.layers[l];
      const G = g.layers[l];
      const A = this.#acts[l];
      // MLP: x_out = x_mid + W2·(silu(W1 h2) ⊙ W3 h2)
      k.backwardWeight(G.w2, dx, A.s, N, hd, d);
      k.backwardInput(this.#dS, dx, L.w2, N, hd, d, false);
      swigluBackward(this.#dA, this.#dB, this.#dS, A.a, A.b, N * hd);
      k.backwardWeight(G.w1, this.#dA, A.h2, N, d, hd);
      k.backwardWeight(G.w3, this.#dB, A.h2, N, d, hd);
      k.backwardInput(dh, this.#dA, L.w1, N, d, hd, false);
      k.backwardInput(dh, this.#dB, L.w3, N, d, hd, true);
      rmsNormBackward(dx, G.mlpNorm, dh, A.xMid, A.inv2, L.mlpNorm, N, d);
      // attention: x_mid = x_in + Wo·attn(rope(Wq h1), rope(Wk h1), Wv h1)
      k.backwardWeight(G.wo, dx, A.att, N, d, d);
      k.backwardInput(this.#dAtt, dx, L.wo, N, d, d, false);
      attentionBackward(this.#dq, this.#dk, this.#dv, this.#dAtt, A.probs, A.q, A.k, A.v, this.#dp, this.#shape);
      applyRope(this.#dq, N, d, c.nHeads, this.#positions, this.rope, -1);
      applyRope(this.#dk, N, d, c.nHeads, this.#positions, this.rope, -1);
      k.backwardWeight(G.wq, this.#dq, A.h1, N, d, d);
      k.backwardWeight(G.wk, this.#dk, A.h1, N, d, d);
      k.backwardWeight(G.wv, this.#dv, A.h1, N, d, d);
      k.backwardInput(dh, this.#dq, L.wq, N, d, d, false);
      k.backwardInput(dh, this.#dk, L.wk, N, d, d, true);
      k.backwardInput(dh, this.#dv, L.wv, N, d, d, true);
      rmsNormBackward(dx, G.attnNorm, dh, A.xIn, A.inv1, L.attnNorm, N, d);
    }
    for (let n = 0; n < N; n++) {
      const o = this.#tokens[n] * d;
      for (let j = 0; j < d; j++) g.embedding[o + j] += dx[n * d + j];
    }
  }
}
