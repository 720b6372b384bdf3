// Worker threads of the builtin model: how they are started (also under tsx), the matmul worker,
// and off-thread training with progress events and cancellation.
export * from './run-in-worker.js';
export * from './spawn-worker.js';
export type * from './training-messages.js';
