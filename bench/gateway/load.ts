// An in-process load generator over node:http keep-alive connections: a fixed request rate (open
// loop) for latency, or N requests in flight (closed loop) for the highest sustained throughput.
import { Agent, request } from 'node:http';

export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function once(agent: Agent, target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(target.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(target.body), ...target.headers } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(target.body);
  });
}

function summarise(latencies: number[], errors: number, durationMs: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    requests: latencies.length,
    errors,
    durationMs: Math.round(durationMs),
    rps: Math.round((latencies.length / durationMs) * 1000),
    latencyMs: { p50: round(q(0.5)), p90: round(q(0.9)), p99: round(q(0.99)), max: round(sorted.at(-1) ?? Number.NaN) },
  };
}

/** Sends `rate` requests per second for `seconds`, whatever the answers' speed. */
export async function openLoop(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(once(agent, target).then((ms) => void latencies.push(ms), () => void errors++));
  }
  await Promise.all(inflight);
  agent.destroy();
  return summarise(latencies, errors, performance.now() - started);
}

/** Runs `concurrency` workers that send one request after another while `more()` says so. */
async function inFlight(target: Target, concurrency: number, more: () => boolean): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (more()) {
      try {
        latencies.push(await once(agent, target));
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return summarise(latencies, errors, performance.now() - started);
}

/** Keeps `concurrency` requests in flight for `seconds`. */
export function closedLoop(target: Target, concurrency: number, seconds: number): Promise<LoadResult> {
  const end = performance.now() + seconds * 1000;
  return inFlight(target, concurrency, () => performance.now() < end);
}

/** Sends exactly `count` requests, `concurrency` at a time (a CPU-cost measurement wants a fixed count). */
export function countLoop(target: Target, count: number, concurrency: number): Promise<LoadResult> {
  let sent = 0;
  return inFlight(target, concurrency, () => sent++ < count);
}

/** Time to the first byte of `count` sequential streamed answers, as latency figures. */
export async function firstByteLoop(target: Target, count: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    try {
      latencies.push(
        await new Promise<number>((resolve, reject) => {
          const t0 = performance.now();
          let first = Number.NaN;
          const req = request(target.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(target.body), ...target.headers } }, (res) => {
            res.once('data', () => {
              first = performance.now() - t0;
            });
            res.on('data', () => {});
            res.on('end', () => (res.statusCode === 200 ? resolve(first) : reject(new Error(`status ${res.statusCode}`))));
          });
          req.on('error', reject);
          req.end(target.body);
        }),
      );
    } catch {
      errors++;
    }
  }
  agent.destroy();
  return summarise(latencies, errors, performance.now() - started);
}
