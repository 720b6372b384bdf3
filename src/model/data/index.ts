// Training and evaluation text of the builtin model, all generated or written in this repository:
// the small world, its prose and the synthetic instruction tasks.
export * from './pretraining-corpus.js';
export * from './small-world.js';
export * from './synthetic-tasks.js';
