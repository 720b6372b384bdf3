// Boundary validation of alert rules: zod issues become one VALIDATION_FAILED StewardError with
// the path of each problem.
import { invalid } from '../../errors/index.js';
import { type AlertRule, alertRuleSchema } from './alert-rule.js';

/** Parses an untrusted rule; throws VALIDATION_FAILED listing every issue. */
export function parseAlertRule(input: unknown): AlertRule {
  const result = alertRuleSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw invalid(`invalid alert rule: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}
