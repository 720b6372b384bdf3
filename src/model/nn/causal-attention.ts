// Causal multi-head attention over packed sequences for training: forward keeps the attention
// probabilities, backward turns the output gradient into gradients for q, k and v.

/** Shapes of one attention call: B sequences of T tokens, rows laid out [B*T, d]. */
export interface AttentionShape {
  B: number;
  T: number;
  nHeads: number;
  headDim: number;
}

/** out[B*T, d] = softmax(q kᵀ / √hd, causal) v per head; probs[B, H, T, T] is saved. */
export function attentionForward(out: Float32Array, probs: Float32Array, q: Float32Array, k: Float32Array, v: Float32Array, s: AttentionShape): void {
  const { B, T, nHeads, headDim } = s;
  const d = nHeads * headDim;
  const scale = 1 / Math.sqrt(headDim);
  out.fill(0, 0, B * T * d);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHeads; h++) {
      const pBase = (b * nHeads + h) * T * T;
      for (let t = 0; t < T; t++) {
        const qo = (b * T + t) * d + h * headDim;
        const row = pBase + t * T;
        let max = -Infinity;
        for (let u = 0; u <= t; u++) {
          const ko = (b * T + u) * d + h * headDim;
          let dot = 0;
          for (let i = 0; i < headDim; i++) dot += q[qo + i] * k[ko + i];
          dot *= scale;
          probs[row + u] = dot;
          if (dot > max) max = dot;
        }
        let sum = 0;
        for (let u = 0; u <= t; u++) {
          const e = Math.exp(probs[row + u] - max);
          probs[row + u] = e;
          sum += e;
        }
        const invSum = 1 / sum;
        for (let u = 0; u <= t; u++) {
          const p = probs[row + u] * invSum;
          probs[row + u] = p;
          const vo = (b * T + u) * d + h * headDim;
          for (let i = 0; i < headDim; i++) out[qo + i] += p * v[vo + i];
        }
        for (let u = t + 1; u < T; u++) probs[row + u] = 0;
      }
    }
  }
}

/** Writes dq, dk, dv (overwritten) from dout; `dp` is a scratch row of length T. */
export function attentionBackward(dq: Float32Array, dk: Float32Array, dv: Float32Array, dout: Float32Array, probs: Float32Array, q: Float32Array, k: Float32Array, v: Float32Array, dp: Float32Array, s: AttentionShape): void {
  const { B, T, nHeads, headDim } = s;
  const d = nHeads * headDim;
  const scale = 1 / Math.sqrt(headDim);
  const n = B * T * d;
  dq.fill(0, 0, n);
  dk.fill(0, 0, n);
  dv.fill(0, 0, n);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHeads; h++) {
      const pBase = (b * nHeads + h) * T * T;
      for (let t = 0; t < T; t++) {
        const oo = (b * T + t) * d + h * headDim;
        const row = pBase + t * T;
        let sumPdP = 0;
        for (let u = 0; u <= t; u++) {
          const vo = (b * T + u) * d + h * headDim;
          const p = probs[row + u];
          let dot = 0;
          for (let i = 0; i < headDim; i++) {
            dot += dout[oo + i] * v[vo + i];
            dv[vo + i] += p * dout[oo + i];
          }
          dp[u] = dot;
          sumPdP += p * dot;
        }
        for (let u = 0; u <= t; u++) {
          const ds = probs[row + u] * (dp[u] - sumPdP) * scale;
          if (ds === 0) continue;
          const ko = (b * T + u) * d + h * headDim;
          for (let i = 0; i < headDim; i++) {
            dq[oo + i] += ds * k[ko + i];
            dk[ko + i] += ds * q[oo + i];
          }
        }
      }
    }
  }
}
