// Architecture of builtin models: the config type, its validation and the steward-mini default.
// Everything that must agree between weights, tokenizer and kernels starts here.
export * from './model-config.js';
