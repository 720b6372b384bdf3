// Dataset quality: duplicates, near duplicates, split leakage, personal data, toxic language, label
// imbalance, length outliers and signs of poisoning, reported per check with the items that caused it.
export { runQualityChecks, type QualityReport } from './run-quality-checks.js';
export {
  QUALITY_CHECK_NAMES,
  QUALITY_STATUSES,
  type QualityCheckDetails,
  type QualityCheckName,
  type QualityCheckResult,
  type QualityStatus,
} from './quality-check.js';
export { QualityOptionsSchema, type QualityOptions, type QualityOptionsInput } from './quality-options.js';
export { minhashSignature, estimatedJaccard, chooseBands } from './minhash.js';
