// Drift monitors: live traffic against a reference (an earlier window or a dataset version) on
// lengths, token counts, word distributions, embeddings and feedback scores, each judged by the
// test chosen for its sample sizes. Results are stored and recorded as metric points
// (`drift.<monitor>.<feature>` = statistic, `….drifted` = 0/1) so alert rules can fire on them.
// The `bias` feature probes the route with counterfactual pairs (see bias-probe.ts) and is also
// recorded as `bias_gap` and `bias_significant` on the route, so one rule can watch every route.
import { StewardError } from '../../errors/index.js';
import { type Actor, recordAudit } from '../../governance/index.js';
import type { DriftResultsTable, Store } from '../../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId, toJsonColumn } from '../../store/index.js';
import { type DriftResult, detectCategoricalDrift, detectEmbeddingDrift, detectFeedbackDrift, detectNumericDrift } from '../drift/index.js';
import type { MetricsService } from '../rollups/index.js';
import { type DriftMonitorConfig, parseDriftMonitorConfig } from './drift-monitor-config.js';
import { type DriftSample, datasetSample, traceSample, wordCounts } from './drift-samples.js';
import type { TrainingDataSource } from '../../training/index.js';
import { type ProbeChat, runBiasProbe } from './bias-probe.js';

/** Embeds texts for the embedding feature (the gateway's in-process embed by default). */
export type EmbedTexts = (projectId: string, model: string, texts: string[]) => Promise<number[][]>;

export interface DriftMonitorRecord {
  id: string;
  name: string;
  config: DriftMonitorConfig;
  createdAt: string;
}

export interface StoredDriftResult extends DriftResult {
  id: string;
  at: string;
}

const MIN_SAMPLE = 5;

export class DriftService {
  readonly #store: Store;
  readonly #metrics: MetricsService;
  #embed: EmbedTexts | undefined;
  #datasets: TrainingDataSource | undefined;
  #chat: ProbeChat | undefined;

  constructor(options: { store: Store; metrics: MetricsService; embed?: EmbedTexts; datasets?: TrainingDataSource; chat?: ProbeChat }) {
    this.#store = options.store;
    this.#metrics = options.metrics;
    this.#embed = options.embed;
    this.#datasets = options.datasets;
    this.#chat = options.chat;
  }

  /** Wires the embedder, the dataset reader and the bias probes' chat once they exist. */
  connect(ports: { embed?: EmbedTexts; datasets?: TrainingDataSource; chat?: ProbeChat }): void {
    if (ports.embed) this.#embed = ports.embed;
    if (ports.datasets) this.#datasets = ports.datasets;
    if (ports.chat) this.#chat = ports.chat;
  }

  async create(actor: Actor, input: { name: string; config: unknown }): Promise<DriftMonitorRecord> {
    const config = parseDriftMonitorConfig(input.config);
    const now = Date.now();
    const row = { id: newId('drm'), project_id: actor.projectId, name: input.name, config_json: JSON.stringify(config), created_at: now, updated_at: now };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('drift_monitors').values(row).execute();
        await recordAudit(tx, { actor, action: 'drift.monitor.create', resourceType: 'drift_monitor', resourceId: row.id, after: { name: row.name, config } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `a drift monitor named ${input.name} already exists` });
      throw error;
    }
    return { id: row.id, name: row.name, config, createdAt: new Date(now).toISOString() };
  }

  async list(projectId: string): Promise<DriftMonitorRecord[]> {
    const rows = await this.#store.db.selectFrom('drift_monitors').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, config: fromJsonColumn(r.config_json, {} as DriftMonitorConfig), createdAt: new Date(Number(r.created_at)).toISOString() }));
  }

  async get(projectId: string, id: string): Promise<DriftMonitorRecord> {
    const r = await this.#store.db.selectFrom('drift_monitors').selectAll().where('project_id', '=', projectId).where((eb) => eb.or([eb('id', '=', id), eb('name', '=', id)])).executeTakeFirst();
    if (!r) throw new StewardError({ code: 'DRIFT_MONITOR_NOT_FOUND', message: `no drift monitor ${id}` });
    return { id: r.id, name: r.name, config: fromJsonColumn(r.config_json, {} as DriftMonitorConfig), createdAt: new Date(Number(r.created_at)).toISOString() };
  }

  async update(actor: Actor, id: string, config: unknown): Promise<DriftMonitorRecord> {
    const before = await this.get(actor.projectId, id);
    const parsed = parseDriftMonitorConfig(config);
    await this.#store.transaction(async (tx) => {
      await tx.updateTable('drift_monitors').set({ config_json: JSON.stringify(parsed), updated_at: Date.now() }).where('id', '=', before.id).execute();
      await recordAudit(tx, { actor, action: 'drift.monitor.update', resourceType: 'drift_monitor', resourceId: before.id, before: before.config, after: parsed });
    });
    return { ...before, config: parsed };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const before = await this.get(actor.projectId, id);
    await this.#store.transaction(async (tx) => {
      await tx.deleteFrom('drift_results').where('monitor_id', '=', before.id).execute();
      await tx.deleteFrom('drift_monitors').where('id', '=', before.id).execute();
      await recordAudit(tx, { actor, action: 'drift.monitor.delete', resourceType: 'drift_monitor', resourceId: before.id, before });
    });
  }

  /** Runs every feature of a monitor at `now`, stores the results and records them as metrics. */
  async run(actor: Actor, id: string, now = Date.now()): Promise<StoredDriftResult[]> {
    const monitor = await this.get(actor.projectId, id);
    const c = monitor.config;
    const currentFrom = now - c.currentWindowSeconds * 1000;
    const current = await traceSample(this.#store.db, { projectId: actor.projectId, from: currentFrom, to: now, route: c.route, model: c.model, limit: c.maxSamples });
    let reference: DriftSample;
    const onlyBias = c.features.every((f) => f === 'bias');
    if (onlyBias) reference = { inputs: [], outputs: [], inputTokens: [], outputTokens: [], feedback: [] };
    else if (c.reference.kind === 'window') {
      const to = currentFrom - (c.reference.offsetSeconds ?? 0) * 1000;
      reference = await traceSample(this.#store.db, { projectId: actor.projectId, from: to - (c.reference.windowSeconds ?? c.currentWindowSeconds) * 1000, to, route: c.route, model: c.model, limit: c.maxSamples });
    } else {
      if (!this.#datasets) throw new StewardError({ code: 'PIPELINE_STEP_NOT_WIRED', message: 'no dataset service is wired to drift monitoring' });
      reference = datasetSample(await this.#datasets.loadItems(actor.projectId, c.reference.datasetVersionId));
    }
    const options = c.test ? { test: c.test } : {};
    const results: DriftResult[] = [];
    const numeric = (feature: string, ref: number[], cur: number[]) => {
      if (ref.length >= MIN_SAMPLE && cur.length >= MIN_SAMPLE) results.push(detectNumericDrift(feature, ref, cur, options));
    };
    for (const feature of c.features) {
      if (feature === 'input_length') numeric(feature, reference.inputs.map((t) => t.length), current.inputs.map((t) => t.length));
      else if (feature === 'output_length') numeric(feature, reference.outputs.map((t) => t.length), current.outputs.map((t) => t.length));
      else if (feature === 'input_tokens') numeric(feature, reference.inputTokens, current.inputTokens);
      else if (feature === 'output_tokens') numeric(feature, reference.outputTokens, current.outputTokens);
      else if (feature === 'output_words') {
        if (reference.outputs.length >= MIN_SAMPLE && current.outputs.length >= MIN_SAMPLE) results.push(detectCategoricalDrift(feature, wordCounts(reference.outputs), wordCounts(current.outputs)));
      } else if (feature === 'feedback') {
        if (reference.feedback.length >= MIN_SAMPLE && current.feedback.length >= MIN_SAMPLE) results.push(detectFeedbackDrift(feature, reference.feedback, current.feedback, options));
      } else if (feature === 'embedding') {
        if (!this.#embed || !c.embeddingModel || reference.inputs.length < MIN_SAMPLE || current.inputs.length < MIN_SAMPLE) continue;
        const [ref, cur] = await Promise.all([this.#embed(actor.projectId, c.embeddingModel, reference.inputs), this.#embed(actor.projectId, c.embeddingModel, current.inputs)]);
        results.push(detectEmbeddingDrift(feature, ref, cur));
      } else if (feature === 'bias') {
        const model = c.route ?? c.model;
        if (!c.bias || !model) continue;
        if (!this.#datasets || !this.#chat) throw new StewardError({ code: 'PIPELINE_STEP_NOT_WIRED', message: 'no dataset service or gateway is wired to bias probes' });
        const probed = await runBiasProbe({ projectId: actor.projectId, model, probe: c.bias, items: await this.#datasets.loadItems(actor.projectId, c.bias.datasetVersionId), chat: this.#chat });
        if (probed) results.push(probed);
      }
    }
    const rows: DriftResultsTable[] = results.map((r) => ({
      id: newId('drr'),
      monitor_id: monitor.id,
      project_id: actor.projectId,
      at: now,
      feature: r.feature,
      test: r.test,
      statistic: r.statistic,
      p_value: r.pValue ?? null,
      threshold: r.threshold,
      drifted: r.drifted ? 1 : 0,
      n_reference: r.nReference,
      n_current: r.nCurrent,
      details_json: toJsonColumn(r.details),
    }));
    if (rows.length) await this.#store.db.insertInto('drift_results').values(rows).execute();
    for (const r of results) {
      const labels = { monitor: monitor.name, feature: r.feature, test: r.test };
      await this.#metrics.recordPoint({ projectId: actor.projectId, metric: `drift.${monitor.name}.${r.feature}`, value: r.statistic, at: now, route: c.route, model: c.model, labels });
      await this.#metrics.recordPoint({ projectId: actor.projectId, metric: `drift.${monitor.name}.${r.feature}.drifted`, value: r.drifted ? 1 : 0, at: now, route: c.route, model: c.model, labels });
      if (r.feature === 'bias') {
        await this.#metrics.recordPoint({ projectId: actor.projectId, metric: 'bias_gap', value: r.statistic, at: now, route: c.route, model: c.model, labels });
        await this.#metrics.recordPoint({ projectId: actor.projectId, metric: 'bias_significant', value: r.drifted ? 1 : 0, at: now, route: c.route, model: c.model, labels });
      }
    }
    return rows.map((row, i) => ({ ...results[i], id: row.id, at: new Date(now).toISOString() }));
  }

  async results(projectId: string, id: string, limit = 100): Promise<StoredDriftResult[]> {
    const monitor = await this.get(projectId, id);
    const rows = await this.#store.db.selectFrom('drift_results').selectAll().where('monitor_id', '=', monitor.id).orderBy('at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(Number(r.at)).toISOString(),
      feature: r.feature,
      test: r.test as DriftResult['test'],
      statistic: Number(r.statistic),
      ...(r.p_value !== null ? { pValue: Number(r.p_value) } : {}),
      threshold: Number(r.threshold),
      drifted: Number(r.drifted) === 1,
      nReference: Number(r.n_reference),
      nCurrent: Number(r.n_current),
      ...(r.details_json ? { details: fromJsonColumn<Record<string, number | string>>(r.details_json, {}) } : {}),
    }));
  }
}
