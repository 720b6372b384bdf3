// A MatmulBackend that splits large products by rows over worker threads sharing memory
// (SharedArrayBuffer): the caller computes one band itself and waits (Atomics.wait) for the others.
// Small products and non-shared buffers stay on the calling thread, where dispatch would cost more.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker/spawn-worker.js';
import { matmulABt } from './matmul.js';
import type { MatmulBackend } from './matmul-backend.js';

/** Products below this many multiply-adds run serially (dispatch costs ~50 µs). */
export const PARALLEL_THRESHOLD = 1 << 20;

const isShared = (x: Float32Array) => x.buffer instanceof SharedArrayBuffer;

/** Row-parallel matmul over `threads − 1` workers plus the calling thread. */
export class ParallelMatmul implements MatmulBackend {
  readonly threads: number;
  readonly #workers: Worker[];
  readonly #done = new Int32Array(new SharedArrayBuffer(4));
  /** Products actually split (for benchmarks and tests). */
  parallelCalls = 0;
  #ready = 0;
  /** Resolves once every worker has started; until then products run serially. */
  readonly ready: Promise<void>;

  constructor(threads: number) {
    this.threads = Math.max(1, Math.floor(threads));
    this.#workers = Array.from({ length: this.threads - 1 }, () => spawnWorker(import.meta.url, '../worker/matmul-worker', null));
    // A worker cannot finish starting while this thread blocks in Atomics.wait, so it is only used
    // after it said it is ready.
    this.ready = Promise.all(
      this.#workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', () => {
              this.#ready++;
              w.unref();
              resolve();
            });
            w.once('error', reject);
          }),
      ),
    ).then(() => {});
    this.ready.catch(() => {});
  }

  /** A started pool (workers ready). */
  static async create(threads: number): Promise<ParallelMatmul> {
    const pool = new ParallelMatmul(threads);
    await pool.ready;
    return pool;
  }

  abt(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, accumulate: boolean): void {
    const parts = this.#ready < this.#workers.length ? 1 : Math.min(this.threads, Math.floor(M / 4));
    if (parts < 2 || M * K * N < PARALLEL_THRESHOLD || !isShared(out) || !isShared(a) || !isShared(b)) {
      matmulABt(out, a, b, M, K, N, accumulate);
      return;
    }
    this.parallelCalls++;
    Atomics.store(this.#done, 0, 0);
    // bands of multiples of 4 rows keep the 4×4 kernel on its fast path
    const band = Math.ceil(M / parts / 4) * 4;
    let dispatched = 0;
    for (let p = 1; p < parts; p++) {
      const rowStart = p * band;
      const rowEnd = Math.min(M, rowStart + band);
      if (rowStart >= rowEnd) break;
      this.#workers[p - 1].postMessage({ out, a, b, M, K, N, accumulate, rowStart, rowEnd, done: this.#done });
      dispatched++;
    }
    matmulABt(out, a, b, M, K, N, accumulate, 0, Math.min(M, band));
    for (;;) {
      const v = Atomics.load(this.#done, 0);
      if (v >= dispatched) break;
      Atomics.wait(this.#done, 0, v, 1000);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
