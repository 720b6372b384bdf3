// Start-up: `steward start` until /healthz answers (SQLite, a fresh data dir), `steward --version`
// and a read command (`steward traces list`), each for the compiled bin (dist/, what `npm start` and
// an installed package run) beside the TypeScript source through tsx (what the repository ran before
// the build). Medians of several runs; builds dist/ first when it is missing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMPILED = [join(ROOT, 'bin', 'steward.js')];
const SOURCE = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]);
}

function timeCommand(argv: string[], args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...argv, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - started;
}

async function startServer(argv: string[]): Promise<{ ms: number; url: string; key: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...argv, 'start', '--port', '0', '--data-dir', dir], { cwd: ROOT, env: { ...process.env, STEWARD_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const u = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const k = /\n {2}(sk-\S+)\n/.exec(out)?.[1];
      if (u && k) resolve({ url: u, key: k });
    });
    child.on('exit', (code) => reject(new Error(`start exited ${code}`)));
  });
  for (;;) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { ms: performance.now() - started, url, key, child, dir };
}

async function stop(server: { child: ChildProcess; dir: string }): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  rmSync(server.dir, { recursive: true, force: true });
}

export async function runStartupBench(): Promise<unknown> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
  const result: Record<string, Record<string, number>> = {};
  for (const [name, argv] of [
    ['compiled', COMPILED],
    ['source', SOURCE],
  ] as const) {
    const starts: number[] = [];
    const versions: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const server = await startServer([...argv]);
      starts.push(server.ms);
      versions.push(timeCommand([...argv], ['--version']));
      reads.push(timeCommand([...argv], ['traces', 'list', '--limit', '5'], { STEWARD_URL: server.url, STEWARD_API_KEY: server.key }));
      await stop(server);
    }
    result[name] = { startToHealthzMs: median(starts), versionMs: median(versions), tracesListMs: median(reads) };
  }
  const ratio = (k: string) => Number((result.source[k] / result.compiled[k]).toFixed(2));
  return { runs: RUNS, ...result, sourceOverCompiled: { startToHealthz: ratio('startToHealthzMs'), version: ratio('versionMs'), tracesList: ratio('tracesListMs') } };
}
