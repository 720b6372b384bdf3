// int8 quantisation of builtin models (per-output-channel symmetric), with its measured
// perplexity change and decoding speed-up.
export * from './quantize.js';
