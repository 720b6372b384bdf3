// The compiled build as users get it: `npm run build`, then `npm pack`, then the packed `steward`
// bin started from another directory — the one test that runs dist/ (every other test runs src/).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack output', () => {
  let work: string;
  let packageDir: string;
  let files: string[];
  let server: ChildProcess | undefined;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'steward-pack-'));
    const build = spawnSync(NPM, ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr + build.stdout).toBe(0);
    const pack = spawnSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    const untar = spawnSync('tar', ['xzf', join(work, packed.filename), '-C', work]);
    expect(untar.status).toBe(0);
    packageDir = join(work, 'package');
    // The production dependencies as npm would install them; the repository's are a superset. The
    // bundled ones (@steward/sdk and its dependencies) come in the tarball and stay as packed.
    const modules = join(packageDir, 'node_modules');
    mkdirSync(join(modules, '@steward'), { recursive: true });
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      const names = entry === '@steward' ? readdirSync(join(ROOT, 'node_modules', entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const name of names) if (!existsSync(join(modules, name))) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
    }
  }, 600_000);
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled server, CLI, dashboard, model and licence, and no sources or tests', () => {
    for (const needed of ['bin/steward.js', 'dist/cli/main.js', 'dist/cli/main.js.map', 'dist/monitoring/otlp/proto/trace.proto', 'models/steward-mini/config.json', 'web/dist/index.html', 'LICENSE', 'package.json']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.test.js'))).toEqual([]);
    // The CLI's SDK is bundled, compiled: `npm install -g` of the tarball needs nothing else of this repository.
    expect(files).toContain('node_modules/@steward/sdk/dist/index.js');
    expect(files.filter((f) => f.startsWith('node_modules/@steward/sdk/src/'))).toEqual([]);
  });

  it('runs from another directory: --version, start, a chat to the builtin model, a read command, SIGTERM', async () => {
    const bin = join(packageDir, 'bin', 'steward.js');
    const cwd = mkdtempSync(join(work, 'elsewhere-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, STEWARD_LOG_LEVEL: 'warn' };
    const version = spawnSync(process.execPath, [bin, '--version'], { cwd, env, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe('0.1.0');
    const child = spawn(process.execPath, [bin, 'start', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let out = '';
    const listening = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        const key = /\n {2}(sk-\S+)\n/.exec(out)?.[1];
        if (url && key) resolve({ url, key });
      });
      child.on('exit', (code) => reject(new Error(`steward start exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200);
    const chat = await fetch(`${listening.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${listening.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'builtin/steward-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 4 }),
    });
    expect(chat.status).toBe(200);
    // The trace is journalled before the answer and reaches the store a moment later, off the request path.
    const listTraces = () => spawnSync(process.execPath, [bin, 'traces', 'list', '--json'], { cwd, env: { ...env, STEWARD_URL: listening.url, STEWARD_API_KEY: listening.key }, encoding: 'utf8' });
    let traces = listTraces();
    for (let i = 0; i < 60 && traces.status === 0 && !traces.stdout.includes('builtin/steward-mini'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      traces = listTraces();
    }
    expect(traces.status, traces.stderr).toBe(0);
    expect(traces.stdout).toContain('builtin/steward-mini');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = undefined;
  }, 120_000);
});
