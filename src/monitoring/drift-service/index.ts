// Drift monitors around the pure drift tests: configuration, samples from traces or datasets,
// stored results, and metric points alert rules can fire on.
export { DRIFT_FEATURES, type DriftFeature, DriftMonitorConfigSchema, type DriftMonitorConfig, parseDriftMonitorConfig } from './drift-monitor-config.js';
export { DriftService, type DriftMonitorRecord, type EmbedTexts, type StoredDriftResult } from './drift-service.js';
export { answerText, promptText, wordCounts } from './drift-samples.js';
