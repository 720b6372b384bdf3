// The life of one alert (a rule on one label set): inactive → pending → firing → resolved.
// `step` is pure: it takes the previous state and an evaluation and returns the next state and
// the notifications to send — one per transition into firing or resolved, never one per evaluation.
import type { AlertRule, AlertSeverity } from './alert-rule.js';
import type { RuleEvaluation } from './evaluate-rule.js';
import { type Silence, findSilence } from './silence.js';

export const ALERT_STATUSES = ['inactive', 'pending', 'firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** One recorded transition of an alert. */
export interface AlertHistoryEntry {
  at: number;
  from: AlertStatus;
  to: AlertStatus;
  observed: number | null;
  description: string;
  /** Id of the silence that suppressed the notification of this transition. */
  silencedBy?: string;
}

/** State of one alert; store it between evaluations (it is plain JSON). */
export interface AlertState {
  ruleId: string;
  labels: Record<string, string>;
  /** Stable key of rule + labels, for storage and de-duplication. */
  fingerprint: string;
  status: AlertStatus;
  /** When the current status began (epoch ms). */
  since: number;
  /** When the condition started to hold in the current episode. */
  activeSince: number | null;
  firedAt: number | null;
  lastEvaluatedAt: number | null;
  lastObserved: number | null;
  history: AlertHistoryEntry[];
}

/** A message to deliver on the rule's channels. */
export interface AlertNotification {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  metric: string;
  status: 'firing' | 'resolved';
  severity: AlertSeverity;
  labels: Record<string, string>;
  observed: number | null;
  description: string;
  /** When the alert started firing. */
  startsAt: number;
  /** When it resolved (resolved notifications only). */
  endsAt?: number;
  channels: string[];
}

/** Most recent history entries kept in a state. */
export const HISTORY_LIMIT = 50;

/** Stable fingerprint of a rule and a label set (label order does not matter). */
export function alertFingerprint(ruleId: string, labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${ruleId}{${parts.join(',')}}`;
}

/** The starting state of an alert that has never been evaluated. */
export function initialAlertState(ruleId: string, labels: Readonly<Record<string, string>> = {}, now = 0): AlertState {
  return { ruleId, labels: { ...labels }, fingerprint: alertFingerprint(ruleId, labels), status: 'inactive', since: now, activeSince: null, firedAt: null, lastEvaluatedAt: null, lastObserved: null, history: [] };
}

/** Result of {@link step}. */
export interface StepResult {
  state: AlertState;
  notifications: AlertNotification[];
}

/**
 * Advances an alert by one evaluation.
 * - condition holds: inactive/resolved → pending (or straight to firing when forSeconds is 0);
 *   pending → firing once it has held for forSeconds; firing stays firing (no new notification).
 * - condition does not hold: pending → inactive (no notification); firing → resolved (notified).
 * A silence matching the alert's labels (plus alertname, ruleId, severity) at `now` suppresses the
 * notification; the transition is still recorded, with the silence's id.
 */
export function step(rule: AlertRule, state: AlertState, evaluation: RuleEvaluation, now: number, silences: readonly Silence[] = []): StepResult {
  const next: AlertState = { ...state, labels: { ...state.labels }, history: [...state.history], lastEvaluatedAt: now, lastObserved: evaluation.observed };
  const notifications: AlertNotification[] = [];
  const transition = (to: AlertStatus, notify: boolean) => {
    const entry: AlertHistoryEntry = { at: now, from: next.status, to, observed: evaluation.observed, description: evaluation.description };
    if (notify) {
      const silence = findSilence(silences, { ...next.labels, alertname: rule.name, ruleId: rule.id, severity: rule.severity }, now);
      if (silence) entry.silencedBy = silence.id;
      else {
        const status = to === 'firing' ? 'firing' : 'resolved';
        notifications.push({
          fingerprint: next.fingerprint,
          ruleId: rule.id,
          ruleName: rule.name,
          metric: rule.metric,
          status,
          severity: rule.severity,
          labels: { ...next.labels },
          observed: evaluation.observed,
          description: evaluation.description,
          startsAt: to === 'firing' ? now : (next.firedAt ?? now),
          ...(status === 'resolved' ? { endsAt: now } : {}),
          channels: [...rule.channels],
        });
      }
    }
    next.history.push(entry);
    if (next.history.length > HISTORY_LIMIT) next.history.splice(0, next.history.length - HISTORY_LIMIT);
    next.status = to;
    next.since = now;
  };

  if (evaluation.holds) {
    if (next.status === 'inactive' || next.status === 'resolved') {
      next.activeSince = now;
      if (rule.forSeconds === 0) {
        transition('firing', true);
        next.firedAt = now;
      } else transition('pending', false);
    } else if (next.status === 'pending' && now - (next.activeSince ?? now) >= rule.forSeconds * 1000) {
      transition('firing', true);
      next.firedAt = now;
    }
  } else if (next.status === 'pending') {
    transition('inactive', false);
    next.activeSince = null;
  } else if (next.status === 'firing') {
    transition('resolved', true);
    next.activeSince = null;
  }
  return { state: next, notifications };
}
