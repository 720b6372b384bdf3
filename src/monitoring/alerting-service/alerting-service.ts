// Alerting configured through the API: rules on any metric (roll-ups or metric points such as
// drift results), channels (signed webhook, Slack-compatible, log) whose secrets live in the
// SecretService, silences, and the event history the evaluator writes.
import { StewardError, invalid, notFound } from '../../errors/index.js';
import { type Actor, type SecretService, recordAudit, systemActor } from '../../governance/index.js';
import type { AlertChannelsTable, Store } from '../../store/index.js';
import { isUniqueViolation, newId } from '../../store/index.js';
import { type AlertRuleInput, parseAlertRule, silenceSchema } from '../alerts/index.js';
import { ALERT_CHANNEL_KINDS, type AlertChannelKind } from '../channels/index.js';
import { channelUrlSecretName, maskChannelUrl } from './channel-url-sealing.js';
import { assertKnownMetric } from './known-metrics.js';
import { type AlertChannelRecord, type AlertEventRecord, type AlertRuleRecord, type SilenceRecord, toChannelRecord, toEventRecord, toRuleRecord, toSilenceRecord } from './alert-records.js';

export type AlertRuleBody = Omit<AlertRuleInput, 'id'>;

export interface CreateChannelInput {
  name: string;
  kind: AlertChannelKind;
  url?: string;
  /** Webhook signing secret; stored sealed in the SecretService. */
  secret?: string;
}

export interface CreateSilenceInput {
  matchers: { name: string; op?: '=' | '!=' | '=~' | '!~'; value: string }[];
  startsAt?: number;
  endsAt: number;
  comment?: string;
}

export class AlertingService {
  readonly #store: Store;
  readonly #secrets: SecretService;
  /** Called after channels change, so the evaluator rebuilds its dispatcher. */
  onChannelsChanged: (projectId: string) => void = () => {};

  constructor(options: { store: Store; secrets: SecretService }) {
    this.#store = options.store;
    this.#secrets = options.secrets;
  }

  async createRule(actor: Actor, body: AlertRuleBody): Promise<AlertRuleRecord> {
    const rule = parseAlertRule({ ...body, id: newId('alr') });
    await this.#checkChannels(actor.projectId, rule.channels);
    await assertKnownMetric(this.#store.db, actor.projectId, rule.metric);
    const now = Date.now();
    const row = { id: rule.id, project_id: actor.projectId, name: rule.name, rule_json: JSON.stringify(rule), enabled: rule.enabled ? 1 : 0, created_at: now, updated_at: now };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('alert_rules').values(row).execute();
        await recordAudit(tx, { actor, action: 'alerts.rule.create', resourceType: 'alert_rule', resourceId: rule.id, after: rule });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `an alert rule named ${rule.name} already exists` });
      throw error;
    }
    return toRuleRecord(row);
  }

  async updateRule(actor: Actor, id: string, body: AlertRuleBody): Promise<AlertRuleRecord> {
    const before = await this.getRule(actor.projectId, id);
    const rule = parseAlertRule({ ...body, id });
    await this.#checkChannels(actor.projectId, rule.channels);
    await assertKnownMetric(this.#store.db, actor.projectId, rule.metric);
    const now = Date.now();
    await this.#store.transaction(async (tx) => {
      await tx.updateTable('alert_rules').set({ name: rule.name, rule_json: JSON.stringify(rule), enabled: rule.enabled ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'alerts.rule.update', resourceType: 'alert_rule', resourceId: id, before, after: rule });
    });
    return this.getRule(actor.projectId, id);
  }

  async deleteRule(actor: Actor, id: string): Promise<void> {
    const before = await this.getRule(actor.projectId, id);
    await this.#store.transaction(async (tx) => {
      await tx.deleteFrom('alert_rules').where('id', '=', id).execute();
      await tx.deleteFrom('alert_states').where('rule_id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'alerts.rule.delete', resourceType: 'alert_rule', resourceId: id, before });
    });
  }

  async getRule(projectId: string, id: string): Promise<AlertRuleRecord> {
    const row = await this.#store.db.selectFrom('alert_rules').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
    if (!row) throw notFound(`alert rule ${id}`);
    return toRuleRecord(row);
  }

  async listRules(projectId: string): Promise<(AlertRuleRecord & { status: string })[]> {
    const rows = await this.#store.db.selectFrom('alert_rules').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    const states = await this.#store.db.selectFrom('alert_states').select(['rule_id', 'status']).where('project_id', '=', projectId).execute();
    const status = new Map(states.map((s) => [s.rule_id, s.status]));
    return rows.map((r) => ({ ...toRuleRecord(r), status: status.get(r.id) ?? 'inactive' }));
  }

  async createChannel(actor: Actor, input: CreateChannelInput): Promise<AlertChannelRecord> {
    if (!ALERT_CHANNEL_KINDS.includes(input.kind)) throw invalid(`kind must be one of ${ALERT_CHANNEL_KINDS.join(', ')}`);
    if (input.kind !== 'log' && !input.url) throw invalid(`a ${input.kind} channel needs a url`);
    if (input.url && !/^https?:\/\//.test(input.url)) throw invalid('url must be an http(s) URL');
    if (input.secret !== undefined && input.kind !== 'webhook') throw invalid('only webhook channels are signed with a secret');
    const exists = await this.#store.db.selectFrom('alert_channels').select('id').where('project_id', '=', actor.projectId).where('name', '=', input.name).executeTakeFirst();
    if (exists) throw new StewardError({ code: 'ALREADY_EXISTS', message: `an alert channel named ${input.name} already exists` });
    const secretName = input.secret !== undefined ? `alert-channel:${input.name}` : null;
    if (secretName && input.secret !== undefined) await this.#secrets.put(actor, { name: secretName, value: input.secret });
    if (input.url) await this.#secrets.put(actor, { name: channelUrlSecretName(input.name), value: input.url });
    const now = Date.now();
    const row: AlertChannelsTable = { id: newId('ach'), project_id: actor.projectId, name: input.name, kind: input.kind, url: maskChannelUrl(input.url ?? null), secret_name: secretName, created_at: now, updated_at: now };
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('alert_channels').values(row).execute();
      await recordAudit(tx, { actor, action: 'alerts.channel.create', resourceType: 'alert_channel', resourceId: row.id, after: toChannelRecord(row) });
    });
    this.onChannelsChanged(actor.projectId);
    return toChannelRecord(row);
  }

  /**
   * Channels written before URLs were sealed still hold the full URL in their row: seal it and keep
   * only the masked origin. Runs at start; returns how many rows it sealed.
   */
  async sealLegacyChannelUrls(): Promise<number> {
    const rows = await this.#store.db.selectFrom('alert_channels').selectAll().where('url', 'is not', null).execute();
    let sealed = 0;
    for (const row of rows) {
      const masked = maskChannelUrl(row.url);
      if (row.url === null || row.url === masked) continue;
      await this.#secrets.put(systemActor(row.project_id), { name: channelUrlSecretName(row.name), value: row.url, projectId: row.project_id });
      await this.#store.db.updateTable('alert_channels').set({ url: masked }).where('id', '=', row.id).execute();
      sealed++;
    }
    return sealed;
  }

  async listChannels(projectId: string): Promise<AlertChannelRecord[]> {
    const rows = await this.#store.db.selectFrom('alert_channels').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    return rows.map(toChannelRecord);
  }

  async deleteChannel(actor: Actor, name: string): Promise<void> {
    const row = await this.#store.db.selectFrom('alert_channels').selectAll().where('project_id', '=', actor.projectId).where('name', '=', name).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'ALERT_CHANNEL_NOT_FOUND', message: `no alert channel ${name}` });
    await this.#store.transaction(async (tx) => {
      await tx.deleteFrom('alert_channels').where('id', '=', row.id).execute();
      await recordAudit(tx, { actor, action: 'alerts.channel.delete', resourceType: 'alert_channel', resourceId: row.id, before: toChannelRecord(row) });
    });
    if (row.secret_name) await this.#secrets.remove(actor, actor.projectId, row.secret_name).catch(() => {});
    await this.#secrets.remove(actor, actor.projectId, channelUrlSecretName(row.name)).catch(() => {});
    this.onChannelsChanged(actor.projectId);
  }

  async createSilence(actor: Actor, input: CreateSilenceInput): Promise<SilenceRecord> {
    const now = Date.now();
    const parsed = silenceSchema.safeParse({ id: newId('sil'), matchers: input.matchers, startsAt: input.startsAt ?? now, endsAt: input.endsAt, comment: input.comment ?? '', createdBy: actor.name });
    if (!parsed.success) throw invalid(`invalid silence: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const s = parsed.data;
    const row = { id: s.id, project_id: actor.projectId, matchers_json: JSON.stringify(s.matchers), starts_at: s.startsAt, ends_at: s.endsAt, comment: s.comment, created_by: s.createdBy, created_at: now };
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('alert_silences').values(row).execute();
      await recordAudit(tx, { actor, action: 'alerts.silence.create', resourceType: 'alert_silence', resourceId: s.id, after: s });
    });
    return toSilenceRecord(row, now);
  }

  async listSilences(projectId: string, includeExpired = false): Promise<SilenceRecord[]> {
    const now = Date.now();
    let q = this.#store.db.selectFrom('alert_silences').selectAll().where('project_id', '=', projectId).orderBy('starts_at', 'desc');
    if (!includeExpired) q = q.where('ends_at', '>', now);
    return (await q.execute()).map((r) => toSilenceRecord(r, now));
  }

  /** Ends a silence now (kept in the list as expired). */
  async expireSilence(actor: Actor, id: string): Promise<SilenceRecord> {
    const now = Date.now();
    const row = await this.#store.db.selectFrom('alert_silences').selectAll().where('id', '=', id).where('project_id', '=', actor.projectId).executeTakeFirst();
    if (!row) throw notFound(`silence ${id}`);
    const endsAt = Math.max(Number(row.starts_at) + 1, Math.min(Number(row.ends_at), now));
    await this.#store.transaction(async (tx) => {
      await tx.updateTable('alert_silences').set({ ends_at: endsAt }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'alerts.silence.expire', resourceType: 'alert_silence', resourceId: id });
    });
    return toSilenceRecord({ ...row, ends_at: endsAt }, now);
  }

  async listEvents(projectId: string, query: { ruleId?: string; kind?: string; before?: string; limit?: number }): Promise<{ data: AlertEventRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    let q = this.#store.db.selectFrom('alert_events').selectAll().where('project_id', '=', projectId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (query.ruleId) q = q.where('rule_id', '=', query.ruleId);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.before) q = q.where('id', '<', query.before);
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    return { data: page.map(toEventRecord), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async #checkChannels(projectId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const rows = await this.#store.db.selectFrom('alert_channels').select('name').where('project_id', '=', projectId).where('name', 'in', [...names]).execute();
    const known = new Set(rows.map((r) => r.name));
    const missing = names.filter((n) => !known.has(n));
    if (missing.length) throw new StewardError({ code: 'ALERT_CHANNEL_NOT_FOUND', message: `no alert channel ${missing.join(', ')}`, details: { missing } });
  }
}
