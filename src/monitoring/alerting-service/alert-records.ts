// What the alerting API returns: rules, channels (never their secrets), silences and events.
import type { AlertChannelsTable, AlertEventsTable, AlertRulesTable, AlertSilencesTable } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import type { AlertRule, Silence } from '../alerts/index.js';
import { maskChannelUrl } from './channel-url-sealing.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export interface AlertRuleRecord extends AlertRule {
  createdAt: string;
  updatedAt: string;
}

export function toRuleRecord(row: AlertRulesTable): AlertRuleRecord {
  return { ...fromJsonColumn<AlertRule>(row.rule_json, {} as AlertRule), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

export interface AlertChannelRecord {
  id: string;
  name: string;
  kind: string;
  /** Scheme and host only: the full URL (often holding a token) is sealed. */
  url: string | null;
  /** Whether deliveries are signed (the secret itself is never returned). */
  signed: boolean;
  createdAt: string;
}

export function toChannelRecord(row: AlertChannelsTable): AlertChannelRecord {
  return { id: row.id, name: row.name, kind: row.kind, url: maskChannelUrl(row.url), signed: row.secret_name !== null, createdAt: iso(row.created_at) };
}

export interface SilenceRecord {
  id: string;
  matchers: Silence['matchers'];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  active: boolean;
}

export function toSilence(row: AlertSilencesTable): Silence {
  return { id: row.id, matchers: fromJsonColumn(row.matchers_json, []), startsAt: Number(row.starts_at), endsAt: Number(row.ends_at), comment: row.comment, createdBy: row.created_by };
}

export function toSilenceRecord(row: AlertSilencesTable, now: number): SilenceRecord {
  const s = toSilence(row);
  return { id: s.id, matchers: s.matchers, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), comment: s.comment, createdBy: s.createdBy, active: now >= s.startsAt && now < s.endsAt };
}

export interface AlertEventRecord {
  id: string;
  ruleId: string;
  fingerprint: string;
  at: string;
  kind: string;
  severity: string;
  observed: number | null;
  description: string;
  silencedBy: string | null;
  data: unknown;
}

export function toEventRecord(row: AlertEventsTable): AlertEventRecord {
  return {
    id: row.id,
    ruleId: row.rule_id,
    fingerprint: row.fingerprint,
    at: iso(row.at),
    kind: row.kind,
    severity: row.severity,
    observed: row.observed === null ? null : Number(row.observed),
    description: row.description,
    silencedBy: row.silenced_by,
    data: fromJsonColumn(row.data_json, null),
  };
}
