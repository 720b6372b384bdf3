// The element-wise pieces of the transformer, forward and backward: RMSNorm, rotary position
// embeddings (RoPE) and the SwiGLU gate. Plain loops over Float32Array rows, no allocation.

/** y = x / rms(x) * g per row; stores 1/rms per row in `inv` for the backward pass. */
export function rmsNormForward(y: Float32Array, inv: Float32Array, x: Float32Array, g: Float32Array, rows: number, d: number, eps: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let ss = 0;
    for (let j = 0; j < d; j++) ss += x[o + j] * x[o + j];
    const s = 1 / Math.sqrt(ss / d + eps);
    inv[r] = s;
    for (let j = 0; j < d; j++) y[o + j] = x[o + j] * s * g[j];
  }
}

/** dx += RMSNorm'(dy); dg += Σ dy·x/rms. */
export function rmsNormBackward(dx: Float32Array, dg: Float32Array | null, dy: Float32Array, x: Float32Array, inv: Float32Array, g: Float32Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    const s = inv[r];
    let dot = 0;
    for (let j = 0; j < d; j++) dot += dy[o + j] * g[j] * x[o + j];
    const c = (s * s * s * dot) / d;
    for (let j = 0; j < d; j++) {
      dx[o + j] += s * g[j] * dy[o + j] - x[o + j] * c;
      if (dg) dg[j] += dy[o + j] * x[o + j] * s;
    }
  }
}

/** Cosine and sine tables [positions, headDim/2] for RoPE. */
export interface RopeTables {
  cos: Float32Array;
  sin: Float32Array;
  half: number;
}

export function ropeTables(positions: number, headDim: number, theta: number): RopeTables {
  const half = headDim / 2;
  const cos = new Float32Array(positions * half);
  const sin = new Float32Array(positions * half);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < half; i++) {
      const angle = p * theta ** (-(2 * i) / headDim);
      cos[p * half + i] = Math.cos(angle);
      sin[p * half + i] = Math.sin(angle);
    }
  }
  return { cos, sin, half };
}

/**
 * Rotates pairs (i, i + half) of every head of row r by the angle of position pos(r), in place.
 * `direction` -1 applies the inverse rotation (the transpose), which is the backward pass.
 */
export function applyRope(x: Float32Array, rows: number, d: number, nHeads: number, positions: Int32Array, tables: RopeTables, direction: 1 | -1): void {
  const half = tables.half;
  const hd = 2 * half;
  for (let r = 0; r < rows; r++) {
    const pBase = positions[r] * half;
    for (let h = 0; h < nHeads; h++) {
      const o = r * d + h * hd;
      for (let i = 0; i < half; i++) {
        const c = tables.cos[pBase + i];
        const s = direction * tables.sin[pBase + i];
        const a = x[o + i];
        const b = x[o + i + half];
        x[o + i] = a * c - b * s;
        x[o + i + half] = a * s + b * c;
      }
    }
  }
}

/** out = silu(a) * b. */
export function swigluForward(out: Float32Array, a: Float32Array, b: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = (x / (1 + Math.exp(-x))) * b[i];
  }
}

/** da = dout·b·silu'(a), db = dout·silu(a) (overwrites da and db). */
export function swigluBackward(da: Float32Array, db: Float32Array, dout: Float32Array, a: Float32Array, b: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const sig = 1 / (1 + Math.exp(-x));
    const silu = x * sig;
    db[i] = dout[i] * silu;
    da[i] = dout[i] * b[i] * (sig * (1 + x * (1 - sig)));
  }
}
