// Builds the monitoring services (roll-ups, retention, alerting, OTLP ingest and export) and puts
// their background workers in the server's lifecycle.
import type { StewardConfig } from '../config/index.js';
import type { SecretService } from '../governance/index.js';
import { AlertEvaluator, AlertingService } from '../monitoring/alerting-service/index.js';
import { DriftScheduler, DriftService } from '../monitoring/drift-service/index.js';
import { OtelTraceExporter, OtlpIngest } from '../monitoring/otel/index.js';
import type { Gateway } from '../gateway/index.js';
import { systemActor } from '../governance/index.js';
import type { DatasetService } from '../datasets/index.js';
import { DatasetTrainingDataSource } from '../training/index.js';
import { MetricsService } from '../monitoring/rollups/index.js';
import { newId } from '../store/index.js';
import type { Store } from '../store/index.js';
import { PeriodicTask } from '../scheduling/index.js';
import type { Lifecycle } from './lifecycle.js';

export interface MonitoringServices {
  metrics: MetricsService;
  alerting: AlertingService;
  alertEvaluator: AlertEvaluator;
  otlpIngest: OtlpIngest;
  /** Present when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  otelExporter: OtelTraceExporter | undefined;
  drift: DriftService;
  /** Runs scheduled drift monitors (one replica per period), on the alert evaluator's interval. */
  driftScheduler: DriftScheduler;
}

/** OTEL_EXPORTER_OTLP_HEADERS: `k1=v1,k2=v2` (values URL-encoded), as the OpenTelemetry spec says. */
function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  if (!text) return {};
  return Object.fromEntries(
    text
      .split(',')
      .map((pair) => pair.split('='))
      .filter((kv) => kv.length >= 2 && kv[0].trim())
      .map(([k, ...v]) => [k.trim(), decodeURIComponent(v.join('=').trim())]),
  );
}

export function buildMonitoring(o: { config: StewardConfig; store: Store; secrets: SecretService; lifecycle: Lifecycle; env?: NodeJS.ProcessEnv; purgeDeletedProjects?: (now: number) => Promise<{ projects: number }>; now?: () => number }): MonitoringServices {
  const settings = o.config.monitoring;
  const metrics = new MetricsService({ store: o.store, rollupIntervalMs: settings.rollupIntervalMs, traceRetentionDays: settings.traceRetentionDays, purgeDeletedProjects: o.purgeDeletedProjects, now: o.now });
  const alerting = new AlertingService({ store: o.store, secrets: o.secrets });
  const alertEvaluator = new AlertEvaluator({ store: o.store, secrets: o.secrets, metrics, intervalMs: settings.alertIntervalMs });
  alerting.onChannelsChanged = (projectId) => alertEvaluator.channelsChanged(projectId);
  const otelExporter = settings.otlpEndpoint
    ? new OtelTraceExporter({ store: o.store, endpoint: settings.otlpEndpoint, headers: parseOtlpHeaders((o.env ?? process.env).OTEL_EXPORTER_OTLP_HEADERS), intervalMs: Math.max(1000, settings.rollupIntervalMs) })
    : undefined;
  metrics.start();
  alertEvaluator.start();
  otelExporter?.start();
  o.lifecycle.onClose('metrics roll-ups', () => metrics.close());
  o.lifecycle.onClose('alert evaluator', () => alertEvaluator.close());
  if (otelExporter) o.lifecycle.onClose('otel exporter', () => otelExporter.close());
  const drift = new DriftService({ store: o.store, metrics });
  // Drift results feed alert rules, so scheduled monitors are checked as often as the rules are.
  const driftScheduler = new DriftScheduler({ store: o.store, drift, owner: newId('replica'), leaseMs: Math.max(60_000, 2 * settings.alertIntervalMs), now: o.now });
  const driftTask = new PeriodicTask({ intervalMs: settings.alertIntervalMs, run: () => driftScheduler.tick() });
  driftTask.start();
  o.lifecycle.onClose('drift schedule', () => driftTask.stop());
  return { metrics, alerting, alertEvaluator, otlpIngest: new OtlpIngest({ store: o.store }), otelExporter, drift, driftScheduler };
}

/** Gives drift monitoring the gateway's in-process embeddings and chat (bias probes) and the datasets service, once both exist. */
export function connectMonitoring(monitoring: MonitoringServices, o: { gateway: Gateway; datasets: DatasetService }): void {
  monitoring.drift.connect({
    datasets: new DatasetTrainingDataSource(o.datasets),
    embed: async (projectId, model, texts) => (await o.gateway.embed(systemActor(projectId), { model, input: texts })).data.sort((a, b) => a.index - b.index).map((d) => d.embedding),
    // Bias probes call the monitor's route like any caller: routed, limited and traced; temperature 0.
    chat: async (projectId, model, messages) => (await o.gateway.chat(systemActor(projectId), { model, messages, temperature: 0 })).choices[0]?.message.content ?? '',
  });
}
