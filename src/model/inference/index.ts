// Inference kernels: the KV-cache decoder that runs prefill and micro-batched decoding, and the
// sampler (greedy, temperature, top-k, top-p, penalties).
export * from './kv-decoder.js';
export * from './sampler.js';
