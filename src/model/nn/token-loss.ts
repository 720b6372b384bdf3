// Losses over logits rows: weighted cross-entropy (pretraining, SFT with assistant-only masks),
// per-token log-probabilities (DPO, evaluation) and the KL gradient to a teacher's distribution.

/** log Σ exp(row) for row r of logits [rows, V]. */
function logSumExp(logits: Float32Array, o: number, V: number): number {
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (logits[o + v] > max) max = logits[o + v];
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp(logits[o + v] - max);
  return max + Math.log(sum);
}

/**
 * Σ_r w_r · −log p(target_r) over rows with w_r ≠ 0. When `dLogits` is given it is overwritten with
 * scale · w_r · (softmax_r − onehot(target_r)), the gradient of scale × that sum.
 */
export function weightedCrossEntropy(logits: Float32Array, targets: ArrayLike<number>, weights: ArrayLike<number>, rows: number, V: number, dLogits: Float32Array | null, scale: number): number {
  let loss = 0;
  if (dLogits) dLogits.fill(0, 0, rows * V);
  for (let r = 0; r < rows; r++) {
    const w = weights[r];
    if (w === 0) continue;
    const o = r * V;
    const lse = logSumExp(logits, o, V);
    loss += w * (lse - logits[o + targets[r]]);
    if (dLogits) {
      const c = scale * w;
      for (let v = 0; v < V; v++) dLogits[o + v] = c * Math.exp(logits[o + v] - lse);
      dLogits[o + targets[r]] -= c;
    }
  }
  return loss;
}

/** log p(target_r) for every row (0 where the mask is 0). */
export function tokenLogProbs(logits: Float32Array, targets: ArrayLike<number>, mask: ArrayLike<number>, rows: number, V: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    if (mask[r] === 0) {
      out[r] = 0;
      continue;
    }
    const o = r * V;
    out[r] = logits[o + targets[r]] - logSumExp(logits, o, V);
  }
}

/**
 * KL(teacher ‖ student) summed over masked rows; teacherLogits has the same layout as logits.
 * When `dLogits` is given it gets scale · (softmax(student) − softmax(teacher/τ)) on masked rows.
 */
export function distillationKl(logits: Float32Array, teacherLogits: Float32Array, mask: ArrayLike<number>, rows: number, V: number, temperature: number, dLogits: Float32Array | null, scale: number): number {
  let kl = 0;
  if (dLogits) dLogits.fill(0, 0, rows * V);
  for (let r = 0; r < rows; r++) {
    if (mask[r] === 0) continue;
    const o = r * V;
    const lseS = logSumExp(logits, o, V);
    let maxT = -Infinity;
    for (let v = 0; v < V; v++) if (teacherLogits[o + v] / temperature > maxT) maxT = teacherLogits[o + v] / temperature;
    let sumT = 0;
    for (let v = 0; v < V; v++) sumT += Math.exp(teacherLogits[o + v] / temperature - maxT);
    const lseT = maxT + Math.log(sumT);
    for (let v = 0; v < V; v++) {
      const logPt = teacherLogits[o + v] / temperature - lseT;
      const pt = Math.exp(logPt);
      const logPs = logits[o + v] - lseS;
      if (pt > 0) kl += pt * (logPt - logPs);
      if (dLogits) dLogits[o + v] = scale * (Math.exp(logPs) - pt);
    }
  }
  return kl;
}
