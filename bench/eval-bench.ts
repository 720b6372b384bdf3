// Evaluation benchmark: a 1,000-item dataset against a local mock OpenAI-compatible provider with a
// fixed latency, at the same concurrency, run by Steward (its runner, writing every result to
// SQLite) and by promptfoo (`promptfoo eval`, its openai provider pointed at the mock through
// apiBaseUrl). Both run as child processes; wall-clock and peak RSS (process tree) are measured the
// same way. Runnable alone (`npx tsx bench/eval-bench.ts`), prints one JSON object.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePeerTool } from './peer-tools.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PROMPTFOO_VERSION = '0.121.20';

export interface EvalBenchOptions {
  items?: number;
  concurrency?: number;
  latencyMs?: number;
}

export interface SideResult {
  /** Process start to exit. */
  wallMs: number;
  /** Peak resident memory of the process tree, sampled every 25 ms. */
  peakRssMb: number;
  /** Requests the mock answered for this side. */
  calls: number;
  accuracy: number | null;
  exitCode: number | null;
  /** Steward only: from run creation to completion, without process start-up. */
  runMs?: number;
  error?: string;
}

export interface EvalBenchResult {
  items: number;
  concurrency: number;
  latencyMs: number;
  /** The floor any runner is bound by: items / concurrency × latency. */
  idealMs: number;
  steward: SideResult;
  promptfoo: SideResult | { skipped: string };
  /** promptfoo wall-clock / Steward wall-clock (target ≥ 2). */
  speedup: number | null;
}

function question(i: number): { q: string; a: string } {
  return { q: `What is ${i} plus ${i + 7}?`, a: String(2 * i + 7) };
}

/** A mock OpenAI-compatible chat endpoint: answers the sum in the question after a fixed delay. */
function startMock(latencyMs: number): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      let content = '?';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: { content?: unknown }[] };
        const text = String(body.messages?.at(-1)?.content ?? '');
        const m = /What is (\d+) plus (\d+)\?/.exec(text);
        if (m) content = String(Number(m[1]) + Number(m[2]));
      } catch {
        // an unreadable body gets '?'
      }
      const answer = JSON.stringify({
        id: `chatcmpl-${calls}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'mock-model',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
      });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ url: `http://127.0.0.1:${port}/v1`, calls: () => calls, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

function treeRssKb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid);
  return total;
}

/** Runs a command, sampling its process tree's RSS; resolves with its output, wall-clock and peak. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; wallMs: number; peakKb: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const sampler = setInterval(() => {
      if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
    }, 25);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(sampler);
      done({ code, stdout, stderr, wallMs: performance.now() - started, peakKb });
    });
  });
}

/** The Steward side, run in its own process: import the dataset, run the evaluation, report. */
async function stewardChild(mockUrl: string, dir: string, concurrency: number): Promise<void> {
  const { openStore } = await import('../src/store/open-store.js');
  const { ProjectService, systemActor } = await import('../src/governance/index.js');
  const { DatasetService } = await import('../src/datasets/index.js');
  const { EvalRunner, EvalService, providerModelCaller } = await import('../src/evals/index.js');
  const { createOpenAiProvider } = await import('../src/providers/openai/index.js');
  const { createReadStream } = await import('node:fs');
  const store = await openStore({ dataDir: join(dir, 'steward') });
  const project = await new ProjectService(store).ensureDefault();
  const actor = systemActor(project.id);
  const datasets = new DatasetService({ store, spoolDir: join(dir, 'steward', 'spool'), autoQualityMaxItems: 0 });
  await datasets.create(actor, { name: 'bench' });
  await datasets.importStream(actor, 'bench', { source: createReadStream(join(dir, 'items.jsonl')), format: 'jsonl' });
  const caller = providerModelCaller([createOpenAiProvider({ name: 'mock', family: 'openai', baseUrl: mockUrl, apiKey: 'sk-mock' })]);
  const runner = new EvalRunner({ store, callerFor: () => caller, resolvePrompt: async () => undefined });
  const evals = new EvalService({ store, datasets, runner });
  const started = performance.now();
  const run = await evals.createRun(actor, { dataset: 'bench', target: 'mock/mock-model', metrics: [{ metric: 'exact_match' }], params: { concurrency } });
  await runner.settled(run.id);
  const runMs = performance.now() - started;
  const done = await evals.getRun(project.id, run.id);
  await runner.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ runMs, status: done.status, accuracy: done.summary?.metrics.exact_match.mean ?? null, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

function promptfooConfig(mockUrl: string): string {
  return [
    'description: steward eval bench',
    'prompts:',
    "  - '{{question}}'",
    'providers:',
    '  - id: openai:chat:mock-model',
    '    config:',
    `      apiBaseUrl: ${mockUrl}`,
    '      apiKey: sk-mock',
    'tests: file://tests.csv',
    '',
  ].join('\n');
}

export async function runEvalBench(options: EvalBenchOptions = {}): Promise<EvalBenchResult> {
  const items = options.items ?? 1000;
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? 50;
  const dir = mkdtempSync(join(tmpdir(), 'steward-eval-bench-'));
  const rows = Array.from({ length: items }, (_, i) => question(i));
  writeFileSync(join(dir, 'items.jsonl'), `${rows.map((r, i) => JSON.stringify({ id: `q${i}`, input: r.q, reference: r.a })).join('\n')}\n`);
  writeFileSync(join(dir, 'tests.csv'), `question,__expected\n${rows.map((r) => `"${r.q}",equals:${r.a}`).join('\n')}\n`);
  writeFileSync(join(dir, 'promptfooconfig.yaml'), promptfooConfig('MOCK_URL'));
  const mock = await startMock(latencyMs);
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  try {
    const before = mock.calls();
    const s = await measure(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--steward-child', mock.url, dir, String(concurrency)], { ...baseEnv }, ROOT);
    const report = s.code === 0 ? (JSON.parse(s.stdout.trim().split('\n').at(-1) ?? '{}') as { runMs: number; accuracy: number | null }) : undefined;
    const steward: SideResult = {
      wallMs: Math.round(s.wallMs),
      runMs: report ? Math.round(report.runMs) : undefined,
      peakRssMb: Math.round(s.peakKb / 1024),
      calls: mock.calls() - before,
      accuracy: report?.accuracy ?? null,
      exitCode: s.code,
      ...(s.code === 0 ? {} : { error: s.stderr.slice(-2000) }),
    };

    let promptfoo: SideResult | { skipped: string };
    let promptfooEntry = '';
    try {
      promptfooEntry = join(ensurePeerTool('promptfoo', PROMPTFOO_VERSION), 'dist/src/entrypoint.js');
    } catch (error) {
      promptfooEntry = '';
      process.stderr.write(`bench: promptfoo could not be installed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (!promptfooEntry || !existsSync(promptfooEntry)) promptfoo = { skipped: `promptfoo@${PROMPTFOO_VERSION} could not be installed` };
    else {
      writeFileSync(join(dir, 'promptfooconfig.yaml'), promptfooConfig(mock.url));
      const pfBefore = mock.calls();
      const env = {
        ...baseEnv,
        PROMPTFOO_DISABLE_TELEMETRY: '1',
        PROMPTFOO_DISABLE_UPDATE: '1',
        PROMPTFOO_DISABLE_SHARING: '1',
        PROMPTFOO_CONFIG_DIR: join(dir, 'promptfoo-home'),
        PROMPTFOO_CACHE_ENABLED: 'false',
        OPENAI_API_KEY: 'sk-mock',
      };
      const output = join(dir, 'promptfoo-results.json');
      const p = await measure(process.execPath, [promptfooEntry, 'eval', '-c', join(dir, 'promptfooconfig.yaml'), '-j', String(concurrency), '--no-cache', '--no-progress-bar', '--no-table', '-o', output], env, dir);
      let accuracy: number | null = null;
      try {
        const result = JSON.parse(readFileSync(output, 'utf8')) as { results?: { stats?: { successes: number; failures: number } } };
        const stats = result.results?.stats;
        if (stats) accuracy = stats.successes / (stats.successes + stats.failures);
      } catch {
        // no output file: reported through exitCode and error
      }
      promptfoo = {
        wallMs: Math.round(p.wallMs),
        peakRssMb: Math.round(p.peakKb / 1024),
        calls: mock.calls() - pfBefore,
        accuracy,
        exitCode: p.code,
        ...(accuracy === null ? { error: (p.stderr || p.stdout).slice(-2000) } : {}),
      };
    }
    const speedup = 'wallMs' in promptfoo && steward.exitCode === 0 ? Math.round((promptfoo.wallMs / steward.wallMs) * 100) / 100 : null;
    return { items, concurrency, latencyMs, idealMs: Math.ceil(items / concurrency) * latencyMs, steward, promptfoo, speedup };
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--steward-child') {
  await stewardChild(process.argv[3], process.argv[4], Number(process.argv[5]));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runEvalBench({
    items: Number(process.env.EVAL_BENCH_ITEMS ?? 1000),
    concurrency: Number(process.env.EVAL_BENCH_CONCURRENCY ?? 16),
    latencyMs: Number(process.env.EVAL_BENCH_LATENCY_MS ?? 50),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
