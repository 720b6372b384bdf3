// Alerting around the pure rule engine and channels: rules, channels, silences and history in
// the store, configured through the API, and an evaluator that ticks on an interval.
export { AlertingService, type AlertRuleBody, type CreateChannelInput, type CreateSilenceInput } from './alerting-service.js';
export { AlertEvaluator, type AlertEvaluatorOptions, type TickResult } from './alert-evaluator.js';
export type { AlertChannelRecord, AlertEventRecord, AlertRuleRecord, SilenceRecord } from './alert-records.js';
