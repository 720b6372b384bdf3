// A Steward server in a child process, for tests that kill it (kill -9) the way an operator's
// machine would: the entry point runs the source through tsx, reads its settings from the
// environment (STEWARD_CHILD_OVERRIDES as JSON, STEWARD_CHILD_SCHEMA for PostgreSQL) and prints
// `listening <url>` once it serves.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./steward-child-main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/esm/index.mjs', import.meta.url));

export interface StewardChild {
  url: string;
  process: ChildProcess;
  stderr(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<void>;
}

export function startStewardChild(options: { overrides: Record<string, unknown>; schema?: string }): Promise<StewardChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, STEWARD_CHILD_OVERRIDES: JSON.stringify(options.overrides), STEWARD_CHILD_SCHEMA: options.schema ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening (http:\/\/\S+)/.exec(stdout);
      if (match) {
        resolve({
          url: match[1],
          process: child,
          stderr: () => stderr,
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the Steward child exited (${code}) before listening: ${stderr}`)));
  });
}
