// What one non-streamed chat request costs the process that serves it, measured side by side in one
// run against a zero-delay upstream: a bare node:http proxy (the floor), the same proxy over global
// fetch, Steward and Portkey's open-source gateway. CPU comes from /proc/<pid>/stat, so other load on
// the machine slows the run but does not change the figures much. Rounds alternate between the
// processes and the median round counts. Also: sequential added latency, streaming time to first
// byte added, and Steward's memory idle and after load.
import type { ChildProcess } from 'node:child_process';
import { type Started, rssMb, startPortkey, startScript } from './children.js';
import { type Target, countLoop, firstByteLoop } from './load.js';
import { processCpuMicros } from './process-cpu.js';

const CONTESTANTS = ['nodeProxy', 'fetchProxy', 'steward', 'portkey'] as const;
type Contestant = (typeof CONTESTANTS)[number];

export interface GatewayCpuResult {
  requestsPerRound: number;
  rounds: number;
  concurrency: number;
  /** Median CPU µs per request of each serving process. */
  cpuMicrosPerRequest: Record<Contestant, number | null>;
  /** Goal: Steward ≤ 2.0× the node:http floor. */
  stewardVsNodeFloor: number | null;
  /** Goal: Portkey ≥ 3.0× Steward. */
  portkeyVsSteward: number | null;
  /** p50 of sequential requests through each process minus the upstream called directly (goal ≤ 0.3 ms). */
  sequentialAddedP50Ms: Record<Contestant, number | null>;
  /** p50 time to first byte of a stream through Steward minus direct (goal ≤ 0.5 ms). */
  streamingTtfbAddedP50Ms: number | null;
  /** Steward's resident memory (goals: ≤ 150 MB idle, ≤ 250 MB after load). */
  stewardRssMb: { idle: number | null; afterLoad: number | null };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

export async function runGatewayCpuBench(
  options: { requestsPerRound?: number; rounds?: number; concurrency?: number } = {},
): Promise<GatewayCpuResult> {
  const requestsPerRound = options.requestsPerRound ?? Number(process.env.BENCH_CPU_REQUESTS ?? 3000);
  const rounds = options.rounds ?? Number(process.env.BENCH_CPU_ROUNDS ?? 3);
  const concurrency = options.concurrency ?? 16;
  const children: ChildProcess[] = [];
  try {
    const mock = await startScript('./mock-upstream.ts', { MOCK_DELAY_MS: '0' });
    children.push(mock.child);
    const started: Partial<Record<Contestant, { pid: number; target: Target }>> = {};
    const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Say hello.' }] });
    const add = (name: Contestant, process: Started | { child: ChildProcess }, target: Target) => {
      children.push(process.child);
      if (process.child.pid !== undefined) started[name] = { pid: process.child.pid, target };
    };
    const nodeProxy = await startScript('./bare-proxy.ts', { MOCK_URL: mock.info.url, PROXY_MODE: 'agent' });
    add('nodeProxy', nodeProxy, { url: nodeProxy.info.url, headers: {}, body });
    const fetchProxy = await startScript('./bare-proxy.ts', { MOCK_URL: mock.info.url, PROXY_MODE: 'fetch' });
    add('fetchProxy', fetchProxy, { url: fetchProxy.info.url, headers: {}, body });
    const steward = await startScript('./steward-server.ts', { MOCK_URL: mock.info.url });
    add('steward', steward, { url: `${steward.info.url}/v1/chat/completions`, headers: { authorization: `Bearer ${steward.info.key}` }, body: body.replace('"bench-model"', '"mock/bench-model"') });
    try {
      const portkey = await startPortkey();
      add('portkey', portkey, { url: `${portkey.url}/v1/chat/completions`, headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': mock.info.url, authorization: 'Bearer sk-bench' }, body });
    } catch {
      // Portkey is a comparison, not a requirement: its figures stay null.
    }
    const stewardPid = started.steward?.pid;
    const idle = rssMb(stewardPid);

    const names = CONTESTANTS.filter((name) => started[name] !== undefined);
    for (const name of names) await countLoop(started[name]!.target, 1000, concurrency); // warm-up: JIT, pools, SQLite
    const perRound: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const name of names) {
        const { pid, target } = started[name]!;
        const before = processCpuMicros(pid);
        const load = await countLoop(target, requestsPerRound, concurrency);
        const used = processCpuMicros(pid) - before;
        if (load.errors > 0) throw new Error(`${name}: ${load.errors} of ${requestsPerRound} requests failed`);
        perRound[name].push(used / requestsPerRound);
      }
    }
    const cpu = Object.fromEntries(CONTESTANTS.map((name) => [name, perRound[name]?.length ? round(median(perRound[name]), 1) : null])) as Record<Contestant, number | null>;

    const direct: Target = { url: `${mock.info.url}/chat/completions`, headers: {}, body };
    const sequential = async (target: Target) => (await countLoop(target, 500, 1)).latencyMs.p50;
    const directP50 = await sequential(direct);
    const sequentialAdded = Object.fromEntries(
      await Promise.all(CONTESTANTS.map(async (name) => [name, started[name] ? round((await sequential(started[name]!.target)) - directP50) : null] as const)),
    ) as Record<Contestant, number | null>;

    const stream = (target: Target): Target => ({ ...target, body: target.body.replace('"messages"', '"stream":true,"messages"') });
    const directTtfb = (await firstByteLoop(stream(direct), 300)).latencyMs.p50;
    const stewardTtfb = started.steward ? (await firstByteLoop(stream(started.steward.target), 300)).latencyMs.p50 : null;

    return {
      requestsPerRound,
      rounds,
      concurrency,
      cpuMicrosPerRequest: cpu,
      stewardVsNodeFloor: cpu.steward !== null && cpu.nodeProxy ? round(cpu.steward / cpu.nodeProxy, 2) : null,
      portkeyVsSteward: cpu.portkey !== null && cpu.steward ? round(cpu.portkey / cpu.steward, 2) : null,
      sequentialAddedP50Ms: sequentialAdded,
      streamingTtfbAddedP50Ms: stewardTtfb === null ? null : round(stewardTtfb - directTtfb),
      stewardRssMb: { idle, afterLoad: rssMb(stewardPid) },
    };
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await runGatewayCpuBench(), null, 2)}\n`);
}
