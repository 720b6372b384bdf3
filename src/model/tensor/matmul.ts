// Cache-blocked matrix kernels on Float32Array: one register-blocked dot-product kernel (A·Bᵀ) and
// the two other forms backprop needs, built on it through reusable transpose scratch buffers.

/** Rows of `a` and `b` processed per k-block so that both panels stay in L1/L2 cache. */
const K_BLOCK = 256;
const J_BLOCK = 64;

/**
 * out[M,N] (+)= a[M,K] · b[N,K]ᵀ, rows `rowStart..rowEnd` of `out` only (so callers can split work).
 * Weights are stored PyTorch-style as [out, in], so a linear layer's forward pass is this kernel.
 * No allocation; 4×4 register blocking over (i, j), blocked over k and j.
 */
export function matmulABt(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
  accumulate = false,
  rowStart = 0,
  rowEnd = M,
): void {
  if (!accumulate) out.fill(0, rowStart * N, rowEnd * N);
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const k1 = Math.min(K, k0 + K_BLOCK);
    for (let j0 = 0; j0 < N; j0 += J_BLOCK) {
      const j1 = Math.min(N, j0 + J_BLOCK);
      let i = rowStart;
      for (; i + 3 < rowEnd; i += 4) {
        const a0 = i * K;
        const a1 = a0 + K;
        const a2 = a1 + K;
        const a3 = a2 + K;
        let j = j0;
        for (; j + 3 < j1; j += 4) {
          const b0 = j * K;
          const b1 = b0 + K;
          const b2 = b1 + K;
          const b3 = b2 + K;
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
          let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
          let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
          let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
          for (let k = k0; k < k1; k++) {
            const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
            const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
            s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
            s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
          }
          let o = i * N + j;
          out[o] += s00; out[o + 1] += s01; out[o + 2] += s02; out[o + 3] += s03;
          o += N;
          out[o] += s10; out[o + 1] += s11; out[o + 2] += s12; out[o + 3] += s13;
          o += N;
          out[o] += s20; out[o + 1] += s21; out[o + 2] += s22; out[o + 3] += s23;
          o += N;
          out[o] += s30; out[o + 1] += s31; out[o + 2] += s32; out[o + 3] += s33;
        }
        for (; j < j1; j++) {
          const b0 = j * K;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let k = k0; k < k1; k++) {
            const y = b[b0 + k];
            s0 += a[a0 + k] * y; s1 += a[a1 + k] * y; s2 += a[a2 + k] * y; s3 += a[a3 + k] * y;
          }
          out[i * N + j] += s0; out[(i + 1) * N + j] += s1; out[(i + 2) * N + j] += s2; out[(i + 3) * N + j] += s3;
        }
      }
      for (; i < rowEnd; i++) {
        const a0 = i * K;
        let j = j0;
        for (; j + 3 < j1; j += 4) {
          const b0 = j * K;
          const b1 = b0 + K;
          const b2 = b1 + K;
          const b3 = b2 + K;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let k = k0; k < k1; k++) {
            const x = a[a0 + k];
            s0 += x * b[b0 + k]; s1 += x * b[b1 + k]; s2 += x * b[b2 + k]; s3 += x * b[b3 + k];
          }
          const o = i * N + j;
          out[o] += s0; out[o + 1] += s1; out[o + 2] += s2; out[o + 3] += s3;
        }
        for (; j < j1; j++) {
          const b0 = j * K;
          let s = 0;
          for (let k = k0; k < k1; k++) s += a[a0 + k] * b[b0 + k];
          out[i * N + j] += s;
        }
      }
    }
  }
}

/** dst[C,R] = src[R,C]ᵀ, blocked for cache. */
export function transpose(dst: Float32Array, src: Float32Array, R: number, C: number): void {
  const B = 32;
  for (let r0 = 0; r0 < R; r0 += B) {
    const r1 = Math.min(R, r0 + B);
    for (let c0 = 0; c0 < C; c0 += B) {
      const c1 = Math.min(C, c0 + B);
      for (let r = r0; r < r1; r++) {
        const base = r * C;
        for (let c = c0; c < c1; c++) dst[c * R + r] = src[base + c];
      }
    }
  }
}

/**
 * out[M,N] = (a[M,K] · q[N,K]ᵀ) ⊙ scale[N]: the int8 weight form of {@link matmulABt}, one F32
 * scale per output channel. Reads a quarter of the weight bytes.
 */
export function matmulABtInt8(out: Float32Array, a: Float32Array, q: Int8Array, scale: Float32Array, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++) {
    const a0 = i * K;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[a0 + k];
        s0 += x * q[b0 + k]; s1 += x * q[b1 + k]; s2 += x * q[b2 + k]; s3 += x * q[b3 + k];
      }
      const o = i * N + j;
      out[o] = s0 * scale[j]; out[o + 1] = s1 * scale[j + 1]; out[o + 2] = s2 * scale[j + 2]; out[o + 3] = s3 * scale[j + 3];
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[a0 + k] * q[b0 + k];
      out[i * N + j] = s * scale[j];
    }
  }
}
