// The gateway's Prometheus metrics on the server's registry, as an observer of finished calls:
// requests, errors, latency, time to first token, tokens, cost, cache hits, retries and fallbacks
// (read from the call's attempts), and queue depth per target. Series that name a route carry its
// `project`, so /metrics can show a project's key only its own series.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CallObserver, CallRecord, TargetStats } from '../gateway/index.js';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];

export class GatewayMetrics implements CallObserver {
  readonly requests: Counter<'project' | 'endpoint' | 'route' | 'target' | 'status'>;
  readonly errors: Counter<'project' | 'endpoint' | 'route' | 'type'>;
  readonly latency: Histogram<'project' | 'endpoint' | 'route' | 'target'>;
  readonly ttft: Histogram<'project' | 'route' | 'target'>;
  readonly overhead: Histogram<'endpoint'>;
  readonly tokens: Counter<'project' | 'route' | 'target' | 'direction'>;
  readonly cost: Counter<'project' | 'route' | 'target'>;
  readonly cacheHits: Counter<'project' | 'route' | 'result'>;
  readonly retries: Counter<'target'>;
  readonly fallbacks: Counter<'project' | 'route'>;
  readonly queueDepth: Gauge<'target'>;
  readonly inFlight: Gauge<'target'>;
  #targetStats: () => Iterable<TargetStats> = () => [];

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({ name: 'steward_gateway_requests_total', help: 'Gateway requests by outcome', labelNames: ['project', 'endpoint', 'route', 'target', 'status'], registers });
    this.errors = new Counter({ name: 'steward_gateway_errors_total', help: 'Gateway errors by type (error code)', labelNames: ['project', 'endpoint', 'route', 'type'], registers });
    this.latency = new Histogram({ name: 'steward_gateway_request_duration_seconds', help: 'Total request latency', labelNames: ['project', 'endpoint', 'route', 'target'], buckets: LATENCY_BUCKETS, registers });
    this.ttft = new Histogram({ name: 'steward_gateway_time_to_first_token_seconds', help: 'Time to the first streamed token', labelNames: ['project', 'route', 'target'], buckets: LATENCY_BUCKETS, registers });
    this.overhead = new Histogram({ name: 'steward_gateway_overhead_seconds', help: 'Time the gateway itself adds (total minus upstream)', labelNames: ['endpoint'], buckets: OVERHEAD_BUCKETS, registers });
    this.tokens = new Counter({ name: 'steward_gateway_tokens_total', help: 'Tokens by direction (input, output)', labelNames: ['project', 'route', 'target', 'direction'], registers });
    this.cost = new Counter({ name: 'steward_gateway_cost_usd_total', help: 'Spend in USD from the price table', labelNames: ['project', 'route', 'target'], registers });
    this.cacheHits = new Counter({ name: 'steward_gateway_cache_total', help: 'Response cache lookups by result (hit, miss)', labelNames: ['project', 'route', 'result'], registers });
    this.retries = new Counter({ name: 'steward_gateway_retries_total', help: 'Retries of an upstream call', labelNames: ['target'], registers });
    this.fallbacks = new Counter({ name: 'steward_gateway_fallbacks_total', help: 'Fallbacks to a next target', labelNames: ['project', 'route'], registers });
    const metrics = this;
    this.queueDepth = new Gauge({
      name: 'steward_gateway_queue_depth',
      help: 'Calls waiting for a target slot',
      labelNames: ['target'],
      registers,
      collect() {
        this.reset();
        for (const stat of metrics.#targetStats()) this.set({ target: stat.target }, stat.queued);
      },
    });
    this.inFlight = new Gauge({
      name: 'steward_gateway_in_flight',
      help: 'Calls in flight per target',
      labelNames: ['target'],
      registers,
      collect() {
        this.reset();
        for (const stat of metrics.#targetStats()) this.set({ target: stat.target }, stat.active);
      },
    });
  }

  /** Where the queue-depth and in-flight gauges read from at scrape time. */
  setTargetStats(read: () => Iterable<TargetStats>): void {
    this.#targetStats = read;
  }

  called(record: CallRecord): void {
    const project = record.actor.projectId;
    const { endpoint } = record;
    const route = record.plan?.route;
    const routeLabel = route?.name ?? 'direct';
    this.#countRetriesAndFallbacks(record, project);
    if (record.error) {
      this.requests.inc({ project, endpoint, route: routeLabel, target: record.target?.label ?? 'none', status: 'error' });
      this.errors.inc({ project, endpoint, route: routeLabel, type: record.error.traceCode.toLowerCase() });
      return;
    }
    const target = record.target?.label ?? 'cache';
    this.requests.inc({ project, endpoint, route: routeLabel, target, status: 'ok' });
    this.latency.observe({ project, endpoint, route: routeLabel, target }, record.latencyMs / 1000);
    if (record.overheadMs !== null) this.overhead.observe({ endpoint }, record.overheadMs / 1000);
    if (record.ttftMs !== null) this.ttft.observe({ project, route: routeLabel, target }, record.ttftMs / 1000);
    if (record.tokensIn > 0) this.tokens.inc({ project, route: routeLabel, target, direction: 'input' }, record.tokensIn);
    if (record.tokensOut > 0) this.tokens.inc({ project, route: routeLabel, target, direction: 'output' }, record.tokensOut);
    if (record.costUsd > 0) this.cost.inc({ project, route: routeLabel, target }, record.costUsd);
    if (route?.config.cache.enabled) this.cacheHits.inc({ project, route: routeLabel, result: record.cacheHit ? 'hit' : 'miss' });
  }

  /** An attempt on the target of the one before is a retry; on another target, a fallback. */
  #countRetriesAndFallbacks(record: CallRecord, project: string): void {
    const { attempts } = record;
    const route = record.plan?.route;
    for (let i = 1; i < attempts.length; i++) {
      const previous = attempts[i - 1];
      const attempt = attempts[i];
      if (previous.provider === attempt.provider && previous.model === attempt.model) this.retries.inc({ target: `${attempt.provider}/${attempt.model}` });
      else if (route) this.fallbacks.inc({ project, route: route.name });
      else this.fallbacks.inc({ route: 'direct' });
    }
  }
}
