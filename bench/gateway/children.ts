// Child processes of the gateway benchmarks: start one and wait for the JSON line it prints when
// ready, read its memory, start Portkey's open-source gateway beside it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Started {
  child: ChildProcess;
  info: Record<string, string>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Starts a TypeScript file of this folder under tsx and waits for its first JSON line. */
export function startScript(file: string, env: NodeJS.ProcessEnv): Promise<Started> {
  return startChild(process.execPath, ['--import', 'tsx', here(file)], env);
}

/** Starts a child process and waits for its first JSON line. */
export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in time`)), 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const info = jsonLine(line);
      if (info) {
        clearTimeout(timer);
        resolve({ child, info });
      }
    });
    child.stderr.resume();
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function jsonLine(line: string): Record<string, string> | undefined {
  try {
    return JSON.parse(line) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB, or null when it cannot be read. */
export function rssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered`);
}

/** Starts Portkey's open-source gateway (a dev dependency) on a free-looking port. */
export async function startPortkey(): Promise<{ child: ChildProcess; url: string }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const entry = fileURLToPath(import.meta.resolve('@portkey-ai/gateway/build/start-server.js'));
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { child, url: `http://127.0.0.1:${port}` };
}
