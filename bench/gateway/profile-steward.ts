// Where Steward's CPU goes on the benchmark's request: runs it under `node --cpu-prof` against the
// zero-delay mock upstream, sends N non-streamed chats (16 in flight), and prints the self time of
// the profile grouped by where the code lives (Steward's folders, Fastify, undici, zod, node
// internals, GC) and its top functions, as JSON.
//   npx tsx bench/gateway/profile-steward.ts            (BENCH_PROFILE_REQUESTS, default 6000)
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, startScript } from './children.js';
import { countLoop } from './load.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'gc';
  if (name === '(idle)' || name === '(program)') return name;
  if (url === '') return 'native';
  const src = /\/src\/([a-z-]+\/(?:[a-z-]+\/)?)/.exec(url);
  if (src && !url.includes('node_modules')) return `steward ${src[1]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:internal/')) return `node ${url.slice(14).split('/')[0]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return url;
}

const requests = Number(process.env.BENCH_PROFILE_REQUESTS ?? 6000);
const dir = mkdtempSync(join(tmpdir(), 'steward-prof-'));
const mock = await startScript('./mock-upstream.ts', { MOCK_DELAY_MS: '0' });
const steward = await startChild(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', fileURLToPath(new URL('./steward-server.ts', import.meta.url))], { MOCK_URL: mock.info.url });
const target = {
  url: `${steward.info.url}/v1/chat/completions`,
  headers: { authorization: `Bearer ${steward.info.key}` },
  body: JSON.stringify({ model: 'mock/bench-model', messages: [{ role: 'user', content: 'Say hello.' }] }),
};
await countLoop(target, 500, 16);
// The profiler's clock and hrtime are both the monotonic clock (µs): only samples taken while the
// measured requests ran count, not start-up or module loading.
const from = Number(process.hrtime.bigint() / 1000n);
await countLoop(target, requests, 16);
const to = Number(process.hrtime.bigint() / 1000n);
await new Promise<void>((resolve) => {
  steward.child.once('exit', () => resolve());
  steward.child.kill('SIGTERM');
});
mock.child.kill('SIGTERM');

const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const areas = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
for (const [id, micros] of self) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = area(url, functionName);
  if (where === '(idle)') continue;
  total += micros;
  areas.set(where, (areas.get(where) ?? 0) + micros);
  const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + micros);
}
const share = (entries: Map<string, number>, n: number) =>
  [...entries.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, micros]) => ({ name, percent: Math.round((micros / total) * 1000) / 10 }));
process.stdout.write(`${JSON.stringify({ requests, profile: join(dir, file), busyMs: Math.round(total / 1000), busyMicrosPerRequest: Math.round(total / requests), areas: share(areas, 25), functions: share(functions, 30) }, null, 2)}\n`);
process.exit(0);
