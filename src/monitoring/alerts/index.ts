// Alert rules and their life: validation, evaluation of a rule on a series, and the pure state
// machine (inactive → pending → firing → resolved) with de-duplication, silences and history.
export {
  ALERT_SEVERITIES,
  type AlertCondition,
  type AlertFilter,
  type AlertRule,
  type AlertRuleInput,
  type AlertSeverity,
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  WINDOW_AGGREGATIONS,
  type WindowAggregation,
  alertConditionSchema,
  alertFilterSchema,
  alertRuleSchema,
  defineAlertRule,
} from './alert-rule.js';
export { parseAlertRule } from './parse-alert-rule.js';
export { type RuleEvaluation, type SeriesPoint, aggregate, compare, evaluateRule, matchesFilter } from './evaluate-rule.js';
export { MATCHER_OPERATORS, type MatcherOperator, type Silence, type SilenceInput, findSilence, silenceMatcherSchema, silenceMatches, silenceSchema } from './silence.js';
export {
  ALERT_STATUSES,
  type AlertHistoryEntry,
  type AlertNotification,
  type AlertState,
  type AlertStatus,
  HISTORY_LIMIT,
  type StepResult,
  alertFingerprint,
  initialAlertState,
  step,
} from './alert-state.js';
