// AdamW over flat parameter buffers, with global-norm gradient clipping. Moments live in flat
// arrays of the same layout so that they can be checkpointed as two tensors.

/** A contiguous range of the flat buffer and whether weight decay applies to it. */
export interface ParamGroup {
  offset: number;
  size: number;
  decay: boolean;
}

/** Optimiser state: first and second moments and the number of steps taken. */
export class AdamW {
  readonly m: Float32Array;
  readonly v: Float32Array;
  step = 0;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /**
   * One update of `params` from `grads` (same layout) over the given groups. Returns the gradient
   * norm before clipping.
   */
  update(params: Float32Array, grads: Float32Array, groups: readonly ParamGroup[], lr: number, o: { beta1: number; beta2: number; weightDecay: number; gradClip: number; eps?: number }): number {
    let sq = 0;
    for (const g of groups) for (let i = g.offset; i < g.offset + g.size; i++) sq += grads[i] * grads[i];
    const norm = Math.sqrt(sq);
    const clip = norm > o.gradClip ? o.gradClip / norm : 1;
    this.step++;
    const b1 = o.beta1;
    const b2 = o.beta2;
    const c1 = 1 / (1 - b1 ** this.step);
    const c2 = 1 / (1 - b2 ** this.step);
    const eps = o.eps ?? 1e-8;
    const m = this.m;
    const v = this.v;
    for (const g of groups) {
      const decay = g.decay ? 1 - lr * o.weightDecay : 1;
      for (let i = g.offset; i < g.offset + g.size; i++) {
        const gr = grads[i] * clip;
        m[i] = b1 * m[i] + (1 - b1) * gr;
        v[i] = b2 * v[i] + (1 - b2) * gr * gr;
        params[i] = params[i] * decay - (lr * (m[i] * c1)) / (Math.sqrt(v[i] * c2) + eps);
      }
    }
    return norm;
  }
}
