// The gateway's Prometheus metrics on the server's registry: requests, errors, latency, time to first
// token, tokens, cost, cache hits, retries, fallbacks and queue depth, per route and target. Series
// that name a route carry its `project`, so /metrics can show a project's key only its own series.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];

export interface RequestLabels {
  endpoint: string;
  route: string;
  target: string;
}

export class GatewayMetrics {
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
  #targetStats: () => Iterable<{ target: string; queued: number; active: number }> = () => [];

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
  setTargetStats(read: () => Iterable<{ target: string; queued: number; active: number }>): void {
    this.#targetStats = read;
  }
}
