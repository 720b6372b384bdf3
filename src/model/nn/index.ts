// The transformer's layers on Float32Array: parameters, RMSNorm, RoPE, SwiGLU, causal attention,
// the training graph with its backward pass, and the losses.
export * from './causal-attention.js';
export * from './norm-rope-silu.js';
export * from './parameters.js';
export * from './prng.js';
export * from './token-loss.js';
export * from './transformer-graph.js';
