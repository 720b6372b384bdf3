// Dataset augmentation: seeded perturbations (typos, casing, whitespace, synonyms), counterfactual
// gender swaps for bias tests, and model-made paraphrases and synthetic items.
export { createRandom, hashSeed, type Random } from './seeded-random.js';
export { PERTURBATION_KINDS, type PerturbationKind, type TextPerturbation } from './text-perturbation.js';
export { PERTURBATIONS, perturbText, perturbWith, type PerturbOptions } from './perturb-text.js';
export {
  counterfactualSwap,
  SWAP_KINDS,
  type SwapKind,
  type Swap,
  type CounterfactualOptions,
  type CounterfactualResult,
} from './counterfactual-swap.js';
export {
  augment,
  AUGMENTATION_KINDS,
  type AugmentationKind,
  type AugmentOptions,
  type PerturbAugmentOptions,
  type CounterfactualAugmentOptions,
  type AugmentationRecord,
} from './augment.js';
export {
  augmentWithModel,
  MODEL_AUGMENTATION_KINDS,
  type ModelAugmentationKind,
  type GenerateText,
  type ModelAugmentOptions,
  type ParaphraseOptions,
  type SyntheticOptions,
  type ModelAugmentResult,
} from './augment-with-model.js';
