// Measuring builtin models: perplexity on text and exact-match accuracy per synthetic task.
// Used by the CLI, the bench and quantisation reports.
export * from './perplexity.js';
export * from './task-eval.js';
