// Any trainer as an external command. The command receives the paths and hyper-parameters as
// environment variables, as `{placeholders}` in its arguments and as one JSON job file; it writes
// its artifact into the output directory and `metrics.json` beside it, and may print progress lines
// such as `{"step":3,"totalSteps":10,"loss":1.7}` on stdout.
import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StewardError } from '../../../errors/index.js';
import { TRAINING_METHODS, type TrainingOutput } from '../../training-job.js';
import { parseBackendConfig } from '../parse-backend-config.js';
import type { TrainingBackend, TrainingRun } from '../training-backend.js';

export const CommandBackendConfigSchema = z
  .object({
    /** The executable (absolute path or a name on PATH). */
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    timeoutSeconds: z.number().int().positive().max(7 * 86400).default(86400),
  })
  .strict();
export type CommandBackendConfig = z.infer<typeof CommandBackendConfigSchema>;

const KILL_GRACE_MS = 3000;
const STDERR_TAIL = 20;

/** Replaces `{train_file}`, `{output_dir}`, `{job_file}`, `{metrics_file}` in an argument. */
function expand(arg: string, values: Record<string, string>): string {
  return arg.replace(/\{(train_file|output_dir|job_file|metrics_file)\}/g, (_, name: string) => values[name]);
}

export class CommandBackend implements TrainingBackend {
  readonly name = 'command';
  readonly methods = TRAINING_METHODS;
  readonly resumable = false;

  parseConfig(config: unknown): Record<string, unknown> {
    return parseBackendConfig(this.name, CommandBackendConfigSchema, config);
  }

  async train(run: TrainingRun): Promise<TrainingOutput> {
    const config = CommandBackendConfigSchema.parse(run.config);
    const jobFile = join(run.workDir, '..', `attempt-${run.attempt}.job.json`);
    const metricsFile = join(run.workDir, 'metrics.json');
    const paths = { train_file: run.dataFile, output_dir: run.workDir, job_file: jobFile, metrics_file: metricsFile };
    await writeFile(
      jobFile,
      JSON.stringify({ jobId: run.jobId, method: run.method, baseModel: run.baseModel, outputModel: run.outputModel, hyperParameters: run.hyperParameters, trainFile: run.dataFile, outputDir: run.workDir, metricsFile }, null, 2),
    );
    const hyperEnv = Object.fromEntries(
      Object.entries(run.hyperParameters).map(([k, v]) => [`STEWARD_HP_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, String(v)]),
    );
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...config.env,
      ...hyperEnv,
      STEWARD_JOB_ID: run.jobId,
      STEWARD_METHOD: run.method,
      STEWARD_BASE_MODEL: run.baseModel,
      STEWARD_TRAIN_FILE: run.dataFile,
      STEWARD_OUTPUT_DIR: run.workDir,
      STEWARD_JOB_FILE: jobFile,
      STEWARD_METRICS_FILE: metricsFile,
    };
    const args = config.args.map((a) => expand(a, paths));
    run.log('info', `running ${config.command} ${args.join(' ')}`);
    const { code, signal, stderrTail } = await this.#spawn(config, args, env, run);
    if (run.signal.aborted) throw new StewardError({ code: 'TRAINING_CANCELLED' });
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      throw new StewardError({ code: 'TRAINING_FAILED', message: `the trainer ${how}${stderrTail.length ? `: ${stderrTail.join(' | ')}` : ''}`, details: { code, signal } });
    }
    const produced = (await readdir(run.workDir)).filter((f) => f !== 'metrics.json');
    if (produced.length === 0) throw new StewardError({ code: 'TRAINING_FAILED', message: 'the trainer exited 0 but wrote no artifact into its output directory' });
    const metrics = await readMetrics(metricsFile);
    return { artifactPath: run.workDir, remoteModel: null, remoteJobId: null, metrics, spec: { provider: 'builtin', base: run.baseModel, artifact: { kind: run.hyperParameters.adapterRank ? 'lora' : 'weights' } } };
  }

  #spawn(config: CommandBackendConfig, args: string[], env: Record<string, string>, run: TrainingRun): Promise<{ code: number | null; signal: string | null; stderrTail: string[] }> {
    return new Promise((resolve, reject) => {
      const child = spawn(config.command, args, { env, cwd: run.workDir, stdio: ['ignore', 'pipe', 'pipe'] });
      const stderrTail: string[] = [];
      let killTimer: NodeJS.Timeout | undefined;
      const stop = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      };
      const timeout = setTimeout(() => {
        run.log('error', `the trainer ran longer than ${config.timeoutSeconds}s: stopping it`);
        stop();
      }, config.timeoutSeconds * 1000);
      run.signal.addEventListener('abort', stop, { once: true });
      // An abort that came before the listener (cancel during start-up) must still stop the child.
      if (run.signal.aborted) stop();
      lines(child.stdout, (line) => {
        const progress = parseProgressLine(line);
        if (progress) run.progress(progress);
        else run.log('info', line);
      });
      lines(child.stderr, (line) => {
        run.log('warn', line);
        stderrTail.push(line);
        if (stderrTail.length > STDERR_TAIL) stderrTail.shift();
      });
      child.on('error', (error) => {
        clearTimeout(timeout);
        reject(new StewardError({ code: 'TRAINING_FAILED', message: `cannot start ${config.command}: ${error.message}` }));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timeout);
        if (killTimer) clearTimeout(killTimer);
        run.signal.removeEventListener('abort', stop);
        resolve({ code, signal, stderrTail });
      });
    });
  }
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let index = buffer.indexOf('\n');
    while (index >= 0) {
      const line = buffer.slice(0, index).trimEnd();
      buffer = buffer.slice(index + 1);
      if (line) onLine(line);
      index = buffer.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffer.trim()) onLine(buffer.trim());
  });
}

/** A stdout line `{"step":..,"totalSteps":..,"loss":..}` (snake_case accepted), else undefined. */
export function parseProgressLine(line: string): { step: number; totalSteps: number; loss?: number } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    const step = value.step;
    const total = value.totalSteps ?? value.total_steps;
    if (typeof step !== 'number' || typeof total !== 'number') return undefined;
    return { step, totalSteps: total, ...(typeof value.loss === 'number' ? { loss: value.loss } : {}) };
  } catch {
    return undefined;
  }
}

async function readMetrics(path: string): Promise<Record<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StewardError({ code: 'TRAINING_FAILED', message: 'metrics.json written by the trainer is not valid JSON' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new StewardError({ code: 'TRAINING_FAILED', message: 'metrics.json must be a JSON object of numbers' });
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
