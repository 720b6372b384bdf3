// Drift monitors around the pure drift tests: configuration, samples from traces or datasets,
// stored results, metric points alert rules can fire on, and the schedule that runs them by themselves.
export { BIAS_SCORES, type BiasProbeConfig, type BiasScore, DRIFT_FEATURES, type DriftFeature, DriftMonitorConfigSchema, type DriftMonitorConfig, parseDriftMonitorConfig } from './drift-monitor-config.js';
export { DriftService, type DriftMonitorRecord, type EmbedTexts, type StoredDriftResult } from './drift-service.js';
export { DRIFT_SCHEDULE_LEASE, DriftScheduler, type DriftSchedulerOptions, type ScheduledDriftRun } from './drift-scheduler.js';
export { answerText, promptText, wordCounts } from './drift-samples.js';
export { BIAS_CONFIDENCE, type ProbeChat, probeInputs, runBiasProbe, scoreAnswer } from './bias-probe.js';
