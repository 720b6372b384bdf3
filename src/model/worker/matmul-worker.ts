// Worker side of the parallel matmul backend: computes a band of rows of out = a·bᵀ on shared
// memory, then bumps the shared counter the caller waits on.
import { parentPort } from 'node:worker_threads';
import { matmulABt } from '../tensor/matmul.js';

interface MatmulTask {
  out: Float32Array;
  a: Float32Array;
  b: Float32Array;
  M: number;
  K: number;
  N: number;
  accumulate: boolean;
  rowStart: number;
  rowEnd: number;
  done: Int32Array;
}

parentPort!.postMessage('ready');
parentPort!.on('message', (t: MatmulTask) => {
  matmulABt(t.out, t.a, t.b, t.M, t.K, t.N, t.accumulate, t.rowStart, t.rowEnd);
  Atomics.add(t.done, 0, 1);
  Atomics.notify(t.done, 0);
});
