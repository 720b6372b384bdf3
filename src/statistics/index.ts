// Statistics for evaluations, experiments and drift: distributions, descriptive statistics,
// seeded resampling, hypothesis tests and distances. Pure functions, no I/O.
export { logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './special-functions.js';
export { erfc, normalCdf, normalInverseCdf, normalPdf, normalSurvival } from './normal-distribution.js';
export { studentTCdf, studentTInverseCdf, studentTTwoSidedP } from './student-t-distribution.js';
export { chiSquaredCdf, chiSquaredSurvival } from './chi-squared-distribution.js';
export { kolmogorovCdf, kolmogorovSmirnovExactP, kolmogorovSurvival } from './kolmogorov-distribution.js';
export { kolmogorovOneSampleSurvival, smirnovSurvival } from './kolmogorov-one-sample.js';
export { DEFAULT_SEED, type SeededRandom, createSeededRandom } from './seeded-random.js';
export { assertFiniteSample, mean, standardDeviation, sum, variance } from './descriptive.js';
export { median, quantile, quantileSorted, quantiles, sortAscending } from './quantile.js';
export { type BootstrapOptions, type ConfidenceInterval, bootstrapCi, bootstrapDifferenceCi, percentileInterval } from './bootstrap.js';
export { type TTestResult, pairedTTest, welchTTest } from './t-tests.js';
export { type ProportionTestResult, twoProportionZTest } from './proportion-test.js';
export { type MannWhitneyResult, mannWhitneyU } from './mann-whitney-u.js';
export { type SignFlipOptions, signFlipTest } from './sign-flip-test.js';
export { type PairedComparison, type PairedComparisonInput, type RegressedItem, comparePaired } from './paired-comparison.js';
export { type KolmogorovSmirnovResult, kolmogorovSmirnovTest } from './kolmogorov-smirnov-test.js';
export { type ChiSquaredResult, chiSquaredHomogeneityTest } from './chi-squared-test.js';
export { wassersteinDistance } from './wasserstein-distance.js';
export { alignCounts, jensenShannonDivergence, populationStabilityIndex } from './distribution-divergence.js';
export {
  DRIFT_DATA_KINDS,
  DRIFT_TESTS,
  DRIFT_TEST_DEFAULTS,
  type DriftDataKind,
  type DriftTestName,
  SMALL_SAMPLE_LIMIT,
  chooseDriftTest,
} from './choose-drift-test.js';
export {
  type ArmSamples,
  EXPERIMENT_METRICS,
  type ExperimentMetric,
  type ExperimentOptions,
  type MetricComparison,
  analyzeExperiment,
} from './experiment-analysis.js';
export { mixturePrecisionFor, normalMixtureHalfWidth, normalMixtureLogRatio } from './normal-mixture-boundary.js';
export {
  SEQUENTIAL_KINDS,
  type SequentialDifference,
  type SequentialKind,
  type SequentialOptions,
  type SequentialState,
  createSequentialDifference,
  sequentialDifference,
} from './sequential-difference.js';
export { sampleBeta, sampleGamma } from './random-variates.js';
export { REWARD_MODELS, type ArmRewards, type RewardModel, type ThompsonDecision, type ThompsonOptions, thompsonAllocation } from './thompson-allocation.js';
