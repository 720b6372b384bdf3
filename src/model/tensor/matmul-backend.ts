// Where matrix products run: on the calling thread, or split by rows over worker threads. Layers
// call the three linear-layer products through this, so parallelism is one object away.
import { matmulABt, transpose } from './matmul.js';

/** Computes out[M,N] (+)= a[M,K]·b[N,K]ᵀ. Buffers may be SharedArrayBuffer-backed for workers. */
export interface MatmulBackend {
  abt(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, accumulate: boolean): void;
}

/** Single-thread backend. */
export const serialBackend: MatmulBackend = {
  abt(out, a, b, M, K, N, accumulate) {
    matmulABt(out, a, b, M, K, N, accumulate);
  },
};

function sharedFloats(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

/**
 * The three products of a linear layer y = x·Wᵀ (W stored [out, in]) with reusable transpose
 * scratch, so that forward and backward never allocate once warmed up.
 */
export class LinearKernels {
  readonly backend: MatmulBackend;
  #s1: Float32Array = sharedFloats(1);
  #s2: Float32Array = sharedFloats(1);

  constructor(backend: MatmulBackend = serialBackend) {
    this.backend = backend;
  }

  #scratch(slot: 1 | 2, n: number): Float32Array {
    if (slot === 1) {
      if (this.#s1.length < n) this.#s1 = sharedFloats(n);
      return this.#s1;
    }
    if (this.#s2.length < n) this.#s2 = sharedFloats(n);
    return this.#s2;
  }

  /** y[rows,out] = x[rows,in]·Wᵀ. */
  forward(y: Float32Array, x: Float32Array, w: Float32Array, rows: number, inDim: number, outDim: number): void {
    this.backend.abt(y, x, w, rows, inDim, outDim, false);
  }

  /** dx[rows,in] (+)= dy[rows,out]·W. */
  backwardInput(dx: Float32Array, dy: Float32Array, w: Float32Array, rows: number, inDim: number, outDim: number, accumulate: boolean): void {
    const wt = this.#scratch(1, inDim * outDim);
    transpose(wt, w, outDim, inDim);
    this.backend.abt(dx, dy, wt, rows, outDim, inDim, accumulate);
  }

  /** dW[out,in] += dyᵀ·x. */
  backwardWeight(dw: Float32Array, dy: Float32Array, x: Float32Array, rows: number, inDim: number, outDim: number): void {
    const dyt = this.#scratch(1, rows * outDim);
    const xt = this.#scratch(2, rows * inDim);
    transpose(dyt, dy, rows, outDim);
    transpose(xt, x, rows, inDim);
    this.backend.abt(dw, dyt, xt, outDim, rows, inDim, true);
  }
}
