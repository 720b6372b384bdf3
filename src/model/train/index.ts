// Training of builtin models: hyper-parameters, AdamW, objectives (LM, DPO, KL), LoRA, the
// optimisation loop with checkpoints, fine-tuning kinds, the pretraining recipe and data parsing.
export * from './adamw.js';
export * from './fine-tune.js';
export * from './hyper-parameters.js';
export * from './lora-adapter.js';
export * from './objectives.js';
export * from './pretrain-recipe.js';
export * from './train-loop.js';
export * from './training-data.js';
