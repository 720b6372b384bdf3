// Serving one loaded builtin model: generation (whole or streamed) with continuous micro-batching,
// and embeddings.
export * from './builtin-runtime.js';
