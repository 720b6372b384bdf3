// What a training run minimises, as pluggable objectives over micro-batches: next-token
// cross-entropy with per-token masks (pretraining, SFT, sequence distillation), DPO on preference
// pairs against frozen reference log-probabilities, and token-level KL to a teacher's logits.
import type { WeightViews } from '../nn/parameters.js';
import { distillationKl, tokenLogProbs, weightedCrossEntropy } from '../nn/token-loss.js';
import type { TransformerGraph } from '../nn/transformer-graph.js';

/** A token sequence; mask[i] = 1 when token i is a target to learn (the first token never is). */
export interface TrainSequence {
  ids: number[];
  mask: number[];
}

/** A preference pair: two full sequences sharing a prompt, masks on the response tokens. */
export interface PreferencePair {
  chosen: TrainSequence;
  rejected: TrainSequence;
  /** Σ log p_ref over the response tokens, filled in before training. */
  refChosen?: number;
  refRejected?: number;
}

/** Result of one micro-batch: loss contribution (already normalised) and tokens processed. */
export interface MicroResult {
  loss: number;
  tokens: number;
}

/** A training objective over items of type I. */
export interface Objective<I> {
  /** Denominator for a whole optimiser batch (e.g. target tokens), so accumulation equals one big batch. */
  normaliser(items: readonly I[]): number;
  /** Forward + backward of a micro-batch, accumulating gradients scaled by 1/norm into g. */
  accumulate(graph: TransformerGraph, w: WeightViews, g: WeightViews, items: readonly I[], norm: number): MicroResult;
  /** Loss summed over the items and the count it should be divided by. */
  evaluate(graph: TransformerGraph, w: WeightViews, items: readonly I[]): { loss: number; count: number };
}

/** Packs sequences into [B, T] inputs with targets shifted by one; padding has weight 0. */
export function packBatch(seqs: readonly TrainSequence[], padId: number, maxT: number): { tokens: Int32Array; targets: Int32Array; weights: Float32Array; B: number; T: number } {
  const B = seqs.length;
  let T = 1;
  for (const s of seqs) T = Math.max(T, Math.min(maxT, s.ids.length - 1));
  const tokens = new Int32Array(B * T).fill(padId);
  const targets = new Int32Array(B * T).fill(padId);
  const weights = new Float32Array(B * T);
  seqs.forEach((s, b) => {
    const n = Math.min(T, s.ids.length - 1);
    for (let t = 0; t < n; t++) {
      tokens[b * T + t] = s.ids[t];
      targets[b * T + t] = s.ids[t + 1];
      weights[b * T + t] = s.mask[t + 1];
    }
  });
  return { tokens, targets, weights, B, T };
}

function maskedCount(s: TrainSequence, maxT: number): number {
  let n = 0;
  for (let i = 1; i < Math.min(s.ids.length, maxT + 1); i++) n += s.mask[i];
  return n;
}

/** Next-token cross-entropy on masked tokens (mean over the optimiser batch). */
export function languageModelObjective(padId: number, maxT: number): Objective<TrainSequence> {
  let dLogits = new Float32Array(0);
  return {
    normaliser: (items) => Math.max(1, items.reduce((a, s) => a + maskedCount(s, maxT), 0)),
    accumulate(graph, w, g, items, norm) {
      const p = packBatch(items, padId, maxT);
      const V = graph.config.vocabSize;
      const logits = graph.forward(w, p.tokens, p.B, p.T);
      if (dLogits.length < logits.length) dLogits = new Float32Array(logits.length);
      const loss = weightedCrossEntropy(logits, p.targets, p.weights, p.B * p.T, V, dLogits, 1 / norm);
      graph.backward(w, g, dLogits);
      return { loss: loss / norm, tokens: p.B * p.T };
    },
    evaluate(graph, w, items) {
      const p = packBatch(items, padId, maxT);
      const logits = graph.forward(w, p.tokens, p.B, p.T);
      const loss = weightedCrossEntropy(logits, p.targets, p.weights, p.B * p.T, graph.config.vocabSize, null, 1);
      return { loss, count: p.weights.reduce((a, b) => a + b, 0) };
    },
  };
}

/** Σ log p(response tokens) per sequence of a packed batch. */
export function sequenceLogProbs(graph: TransformerGraph, w: WeightViews, seqs: readonly TrainSequence[], padId: number, maxT: number): number[] {
  const p = packBatch(seqs, padId, maxT);
  const logits = graph.forward(w, p.tokens, p.B, p.T);
  const lp = new Float64Array(p.B * p.T);
  tokenLogProbs(logits, p.targets, p.weights, p.B * p.T, graph.config.vocabSize, lp);
  return seqs.map((_, b) => {
    let s = 0;
    for (let t = 0; t < p.T; t++) s += lp[b * p.T + t];
    return s;
  });
}

const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Direct Preference Optimisation: −log σ(β·[(log π(c) − log π_ref(c)) − (log π(r) − log π_ref(r))]).
 * Reference log-probs must be filled in on each pair before training.
 */
export function dpoObjective(padId: number, maxT: number, beta: number): Objective<PreferencePair> {
  let dLogits = new Float32Array(0);
  const margin = (pair: PreferencePair, c: number, r: number) => beta * (c - pair.refChosen! - (r - pair.refRejected!));
  return {
    normaliser: (items) => Math.max(1, items.length),
    accumulate(graph, w, g, items, norm) {
      const seqs = [...items.map((p) => p.chosen), ...items.map((p) => p.rejected)];
      const p = packBatch(seqs, padId, maxT);
      const V = graph.config.vocabSize;
      const logits = graph.forward(w, p.tokens, p.B, p.T);
      const lp = new Float64Array(p.B * p.T);
      tokenLogProbs(logits, p.targets, p.weights, p.B * p.T, V, lp);
      const seqLp = seqs.map((_, b) => {
        let s = 0;
        for (let t = 0; t < p.T; t++) s += lp[b * p.T + t];
        return s;
      });
      const n = items.length;
      let loss = 0;
      // dL/dlogπ(c) = −β·σ(−z), dL/dlogπ(r) = +β·σ(−z); CE weights are −dL/dlogπ per token.
      const weights = new Float32Array(p.B * p.T);
      items.forEach((pair, i) => {
        const z = margin(pair, seqLp[i], seqLp[n + i]);
        loss -= logSigmoid(z);
        const gz = beta * sigmoid(-z);
        for (let t = 0; t < p.T; t++) {
          weights[i * p.T + t] = gz * p.weights[i * p.T + t];
          weights[(n + i) * p.T + t] = -gz * p.weights[(n + i) * p.T + t];
        }
      });
      if (dLogits.length < logits.length) dLogits = new Float32Array(logits.length);
      weightedCrossEntropy(logits, p.targets, weights, p.B * p.T, V, dLogits, 1 / norm);
      graph.backward(w, g, dLogits);
      return { loss: loss / norm, tokens: p.B * p.T };
    },
    evaluate(graph, w, items) {
      const c = sequenceLogProbs(graph, w, items.map((p) => p.chosen), padId, maxT);
      const r = sequenceLogProbs(graph, w, items.map((p) => p.rejected), padId, maxT);
      let loss = 0;
      items.forEach((pair, i) => {
        loss -= logSigmoid(margin(pair, c[i], r[i]));
      });
      return { loss, count: items.length };
    },
  };
}

/** Token-level distillation: KL(teacher ‖ student) on masked tokens, teacher run on the same batch. */
export function klDistillObjective(padId: number, maxT: number, teacher: { graph: TransformerGraph; weights: WeightViews }, temperature: number): Objective<TrainSequence> {
  let dLogits = new Float32Array(0);
  let teacherLogits = new Float32Array(0);
  const teacherForward = (p: ReturnType<typeof packBatch>) => {
    const t = teacher.graph.forward(teacher.weights, p.tokens, p.B, p.T);
    if (teacherLogits.length < t.length) teacherLogits = new Float32Array(t.length);
    teacherLogits.set(t);
    return teacherLogits;
  };
  return {
    normaliser: (items) => Math.max(1, items.reduce((a, s) => a + maskedCount(s, maxT), 0)),
    accumulate(graph, w, g, items, norm) {
      const p = packBatch(items, padId, maxT);
      const V = graph.config.vocabSize;
      const tl = teacherForward(p);
      const logits = graph.forward(w, p.tokens, p.B, p.T);
      if (dLogits.length < logits.length) dLogits = new Float32Array(logits.length);
      const kl = distillationKl(logits, tl, p.weights, p.B * p.T, V, temperature, dLogits, 1 / norm);
      graph.backward(w, g, dLogits);
      return { loss: kl / norm, tokens: p.B * p.T };
    },
    evaluate(graph, w, items) {
      const p = packBatch(items, padId, maxT);
      const tl = teacherForward(p);
      const logits = graph.forward(w, p.tokens, p.B, p.T);
      const kl = distillationKl(logits, tl, p.weights, p.B * p.T, graph.config.vocabSize, temperature, null, 1);
      return { loss: kl, count: p.weights.reduce((a, b) => a + b, 0) };
    },
  };
}
