// Matrix products: the cache-blocked kernels, the backend interface the layers call, and the
// row-parallel backend over worker threads and shared memory.
export * from './matmul.js';
export * from './matmul-backend.js';
export * from './parallel-matmul.js';
