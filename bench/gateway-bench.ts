// Gateway benchmark: a mock upstream with a fixed 20 ms latency (and a streaming variant), called
// directly, through Steward and through Portkey's open-source gateway, in the same run. Prints JSON:
// added p50/p99 latency at a fixed rate, the highest sustained throughput, and Steward's RSS.
// Run alone: npx tsx bench/gateway-bench.ts   (BENCH_SECONDS, BENCH_RATE, BENCH_CONCURRENCY tune it)
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rssMb, startPortkey, startScript } from './gateway/children.js';
import { type GatewayCpuResult, runGatewayCpuBench } from './gateway/cpu-per-request.js';
import { type LoadResult, type Target, closedLoop, openLoop } from './gateway/load.js';

export interface GatewayBenchResult {
  node: string;
  cpus: number;
  upstreamDelayMs: number;
  rate: number;
  seconds: number;
  concurrency: number;
  latencyAtRate: Record<'direct' | 'steward' | 'portkey', LoadResult | null>;
  addedLatencyMs: Record<'steward' | 'portkey', { p50: number; p99: number } | null>;
  streaming: Record<'direct' | 'steward' | 'portkey', LoadResult | null>;
  maxThroughput: Record<'direct' | 'steward' | 'portkey', LoadResult | null>;
  stewardVsPortkeyThroughput: number | null;
  stewardRssMb: { idle: number | null; afterLoad: number | null };
  stewardReportedOverheadMs: { p50: number | null; p99: number | null };
  /** CPU per request against the node:http floor, sequential added latency, streaming TTFB, memory. */
  cpu: GatewayCpuResult;
  notes: string[];
}

/** Runs the benchmark and returns its figures (every process it starts is stopped before it returns). */
export async function runGatewayBench(options: { seconds?: number; rate?: number; concurrency?: number } = {}): Promise<GatewayBenchResult> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 4);
  const rate = options.rate ?? Number(process.env.BENCH_RATE ?? 1000);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 64);
  const children: ChildProcess[] = [];
  const notes: string[] = [];
  // Measured first, alone: the per-request CPU comparison is what the goals are stated in.
  const cpu = await runGatewayCpuBench();
  try {
    const mock = await startScript('./mock-upstream.ts', { MOCK_DELAY_MS: '20' });
    children.push(mock.child);
    const steward = await startScript('./steward-server.ts', { MOCK_URL: mock.info.url });
    children.push(steward.child);
    let portkeyUrl: string | undefined;
    try {
      const portkey = await startPortkey();
      children.push(portkey.child);
      portkeyUrl = `${portkey.url}/v1/chat/completions`;
    } catch (error) {
      notes.push(`Portkey could not be started: ${(error as Error).message}`);
    }

    const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Say hello.' }] });
    const streamBody = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Say hello.' }], stream: true });
    const targets = {
      direct: { url: `${mock.info.url}/chat/completions`, headers: {}, body },
      steward: { url: `${steward.info.url}/v1/chat/completions`, headers: { authorization: `Bearer ${steward.info.key}` }, body: body.replace('"bench-model"', '"mock/bench-model"') },
      portkey: portkeyUrl ? { url: portkeyUrl, headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': mock.info.url, authorization: 'Bearer sk-bench' }, body } : null,
    } satisfies Record<string, Target | null>;
    const streamTarget = (t: Target | null): Target | null => (t ? { ...t, body: t.body === body ? streamBody : streamBody.replace('"bench-model"', '"mock/bench-model"') } : null);
    const idle = rssMb(steward.child.pid);

    // Warm up every path (JIT, connection pools, SQLite).
    for (const target of Object.values(targets)) if (target) await closedLoop(target, 8, 1);

    const latencyAtRate = {
      direct: await openLoop(targets.direct, rate, seconds),
      steward: await openLoop(targets.steward, rate, seconds),
      portkey: targets.portkey ? await openLoop(targets.portkey, rate, seconds) : null,
    };
    const streaming = {
      direct: await openLoop(streamTarget(targets.direct) as Target, rate / 4, seconds / 2),
      steward: await openLoop(streamTarget(targets.steward) as Target, rate / 4, seconds / 2),
      portkey: targets.portkey ? await openLoop(streamTarget(targets.portkey) as Target, rate / 4, seconds / 2) : null,
    };
    const maxThroughput = {
      direct: await closedLoop(targets.direct, concurrency, seconds),
      steward: await closedLoop(targets.steward, concurrency, seconds),
      portkey: targets.portkey ? await closedLoop(targets.portkey, concurrency, seconds) : null,
    };
    const afterLoad = rssMb(steward.child.pid);
    const metrics = await fetch(`${steward.info.url}/metrics`).then((r) => r.text());
    const overhead = quantilesFromHistogram(metrics, 'steward_gateway_overhead_seconds');
    const added = (r: LoadResult | null) =>
      r ? { p50: round(r.latencyMs.p50 - latencyAtRate.direct.latencyMs.p50), p99: round(r.latencyMs.p99 - latencyAtRate.direct.latencyMs.p99) } : null;
    notes.push('The load generator, the mock, Steward and Portkey share this machine’s cores; added latency is measured end to end by the client.');
    return {
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      upstreamDelayMs: 20,
      rate,
      seconds,
      concurrency,
      latencyAtRate,
      addedLatencyMs: { steward: added(latencyAtRate.steward), portkey: added(latencyAtRate.portkey) },
      streaming,
      maxThroughput,
      stewardVsPortkeyThroughput: maxThroughput.portkey ? round(maxThroughput.steward.rps / maxThroughput.portkey.rps) : null,
      stewardRssMb: { idle, afterLoad },
      stewardReportedOverheadMs: overhead,
      cpu,
      notes,
    };
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
  }
}

/** Upper bounds of the histogram buckets holding the 50th and 99th percentiles, in ms. */
function quantilesFromHistogram(text: string, name: string): { p50: number | null; p99: number | null } {
  const buckets = new Map<number, number>();
  for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\d+)`, 'gm'))) {
    const le = match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  const at = (q: number) => {
    const hit = sorted.find(([, count]) => count >= q * total);
    return hit ? round(hit[0] * 1000) : null;
  };
  return total === 0 ? { p50: null, p99: null } : { p50: at(0.5), p99: at(0.99) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runGatewayBench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
