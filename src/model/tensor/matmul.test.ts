import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParameters, sharedFloats, weightViews } from '../nn/parameters.js';
import { Prng } from '../nn/prng.js';
import { weightedCrossEntropy } from '../nn/token-loss.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import { matmulABt, matmulABtInt8, transpose } from './matmul.js';
import { LinearKernels } from './matmul-backend.js';
import { ParallelMatmul } from './parallel-matmul.js';

function naive(a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float64Array {
  const o = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) o[i * N + j] += a[i * K + k] * b[j * K + k];
  return o;
}

const rand = (n: number, rng: Prng, shared = false) => {
  const x = shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal();
  return x;
};

describe('matmul kernels', () => {
  const pool = new ParallelMatmul(2);
  beforeAll(() => pool.ready);
  afterAll(() => pool.close());

  it('matches a naive product on odd shapes (remainder paths, k-blocking)', () => {
    const rng = new Prng(1);
    for (const [M, K, N] of [[1, 3, 1], [5, 7, 9], [13, 300, 6], [4, 257, 70]]) {
      const a = rand(M * K, rng);
      const b = rand(N * K, rng);
      const out = new Float32Array(M * N);
      matmulABt(out, a, b, M, K, N);
      const ref = naive(a, b, M, K, N);
      out.forEach((v, i) => {
      expect(v).toBeCloseTo(ref[i], 3);
    });
    }
  });

  it('gives the same result split over worker threads', () => {
    const rng = new Prng(2);
    const [M, K, N] = [130, 96, 100];
    const a = rand(M * K, rng, true);
    const b = rand(N * K, rng, true);
    const serial = new Float32Array(M * N);
    matmulABt(serial, a, b, M, K, N);
    const par = new Float32Array(new SharedArrayBuffer(M * N * 4)).fill(7);
    pool.abt(par, a, b, M, K, N, false);
    expect(pool.parallelCalls).toBe(1);
    expect(Array.from(par)).toEqual(Array.from(serial));
  });

  it('trains identically with the product split over threads', async () => {
    const config = { vocabSize: 50, dModel: 64, nLayers: 1, nHeads: 2, dHidden: 128, contextLength: 64, ropeTheta: 10000, normEps: 1e-5 };
    const run = (backend?: ParallelMatmul) => {
      const w = initParameters(config, 1);
      const g = sharedFloats(w.length);
      const graph = new TransformerGraph(config, backend);
      const tokens = Array.from({ length: 4 * 64 }, (_, i) => (i * 7) % 50);
      const logits = graph.forward(weightViews(config, w), tokens, 4, 64);
      const d = sharedFloats(logits.length);
      weightedCrossEntropy(logits, tokens, new Float32Array(256).fill(1), 256, 50, d, 1 / 256);
      graph.backward(weightViews(config, w), weightViews(config, g), d);
      return g;
    };
    const before = pool.parallelCalls;
    const parallel = run(pool);
    expect(pool.parallelCalls).toBeGreaterThan(before);
    expect(Array.from(parallel)).toEqual(Array.from(run()));
  });

  it('computes the backward products through transposes', () => {
    const rng = new Prng(3);
    const [rows, inDim, outDim] = [6, 5, 4];
    const x = rand(rows * inDim, rng);
    const w = rand(outDim * inDim, rng);
    const dy = rand(rows * outDim, rng);
    const k = new LinearKernels();
    const dx = new Float32Array(rows * inDim);
    k.backwardInput(dx, dy, w, rows, inDim, outDim, false);
    const wt = new Float32Array(inDim * outDim);
    transpose(wt, w, outDim, inDim);
    const ref = naive(dy, wt, rows, outDim, inDim);
    dx.forEach((v, i) => {
      expect(v).toBeCloseTo(ref[i], 4);
    });
    const dw = new Float32Array(outDim * inDim);
    k.backwardWeight(dw, dy, x, rows, inDim, outDim);
    for (let o = 0; o < outDim; o++) for (let i = 0; i < inDim; i++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += dy[r * outDim + o] * x[r * inDim + i];
      expect(dw[o * inDim + i]).toBeCloseTo(s, 4);
    }
  });

  it('int8 kernel equals the float kernel on dequantised weights', () => {
    const rng = new Prng(4);
    const [M, K, N] = [3, 10, 7];
    const a = rand(M * K, rng);
    const q = Int8Array.from({ length: N * K }, () => rng.int(255) - 127);
    const scale = Float32Array.from({ length: N }, () => rng.next() * 0.1);
    const deq = Float32Array.from(q, (v, i) => v * scale[Math.floor(i / K)]);
    const ref = new Float32Array(M * N);
    matmulABt(ref, a, deq, M, K, N);
    const out = new Float32Array(M * N);
    matmulABtInt8(out, a, q, scale, M, K, N);
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(ref[i], 4);
    });
  });
});
