// Drift detection for monitoring: numeric features, category/token distributions, embeddings and
// feedback scores → DriftResult; and the counterfactual bias gap over time.
export type { DriftResult, DriftTest } from './drift-result.js';
export { type NumericDriftOptions, binOnReferenceQuantiles, detectNumericDrift } from './numeric-drift.js';
export { type CategoricalDriftOptions, type CategoryCounts, detectCategoricalDrift } from './categorical-drift.js';
export { type EmbeddingDriftOptions, cosineDistance, detectEmbeddingDrift } from './embedding-drift.js';
export { MAX_DISCRETE_LEVELS, detectFeedbackDrift } from './feedback-drift.js';
export { type CounterfactualGap, type CounterfactualPair, counterfactualGap, counterfactualGapOverTime } from './bias-over-time.js';
