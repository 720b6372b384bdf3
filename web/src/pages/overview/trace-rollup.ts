// Rolls traces up into time buckets (requests, errors, latency quantiles, tokens, cost) for the
// overview's charts when the server has no metrics time-series API. Pure: tested in test/dashboard.

/** The fields of a trace a roll-up reads. */
export interface TraceSample {
  createdAt: string;
  status: string;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  route: string | null;
  requestedModel: string;
}

export interface Bucket {
  /** Start of the bucket, epoch ms. */
  at: number;
  requests: number;
  errors: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export interface Totals {
  requests: number;
  errors: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  tokens: number;
  costUsd: number;
}

/** The q-quantile (0..1) of sorted values, by linear interpolation; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Buckets of `bucketMs` covering [from, to), every bucket present even when empty. */
export function rollUp(traces: readonly TraceSample[], from: number, to: number, bucketMs: number): Bucket[] {
  const count = Math.max(1, Math.ceil((to - from) / bucketMs));
  const latencies: number[][] = Array.from({ length: count }, () => []);
  const buckets: Bucket[] = Array.from({ length: count }, (_, index) => ({
    at: from + index * bucketMs,
    requests: 0,
    errors: 0,
    errorRate: 0,
    p50: null,
    p95: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
  }));
  for (const trace of traces) {
    const at = Date.parse(trace.createdAt);
    if (!(at >= from && at < to)) continue;
    const index = Math.floor((at - from) / bucketMs);
    const bucket = buckets[index];
    bucket.requests += 1;
    if (trace.status !== 'ok') bucket.errors += 1;
    bucket.tokensIn += trace.tokensIn;
    bucket.tokensOut += trace.tokensOut;
    bucket.costUsd += trace.costUsd;
    latencies[index].push(trace.latencyMs);
  }
  buckets.forEach((bucket, index) => {
    const sorted = latencies[index].sort((a, b) => a - b);
    bucket.errorRate = bucket.requests ? bucket.errors / bucket.requests : 0;
    bucket.p50 = quantile(sorted, 0.5);
    bucket.p95 = quantile(sorted, 0.95);
  });
  return buckets;
}

export function totals(traces: readonly TraceSample[]): Totals {
  const sorted = traces.map((trace) => trace.latencyMs).sort((a, b) => a - b);
  const errors = traces.filter((trace) => trace.status !== 'ok').length;
  return {
    requests: traces.length,
    errors,
    errorRate: traces.length ? errors / traces.length : 0,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    tokens: traces.reduce((sum, trace) => sum + trace.tokensIn + trace.tokensOut, 0),
    costUsd: traces.reduce((sum, trace) => sum + trace.costUsd, 0),
  };
}

export interface GroupStat {
  name: string;
  requests: number;
  errorRate: number;
  p95: number | null;
}

/** Requests, error rate and p95 latency per route (or the requested model when no route matched). */
export function byRoute(traces: readonly TraceSample[]): GroupStat[] {
  const groups = new Map<string, TraceSample[]>();
  for (const trace of traces) {
    const name = trace.route ?? trace.requestedModel;
    const group = groups.get(name);
    if (group) group.push(trace);
    else groups.set(name, [trace]);
  }
  return [...groups.entries()]
    .map(([name, group]) => {
      const summary = totals(group);
      return { name, requests: summary.requests, errorRate: summary.errorRate, p95: summary.p95 };
    })
    .sort((a, b) => b.requests - a.requests);
}
