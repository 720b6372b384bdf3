// Builtin model artifacts on disk: safetensors (F32, F16, I8), model and adapter directories,
// all written atomically (temporary file, then rename).
export * from './adapter-files.js';
export * from './atomic-write.js';
export * from './float16.js';
export * from './model-files.js';
export * from './safetensors.js';
