// A redis-server of the test's own on a free port, for tests that kill Redis: the shared one is never
// touched. Nothing is persisted; kill() is SIGKILL, start() brings it back on the same port.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function privateRedis(options: { started?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: () =>
      new Promise((resolve, reject) => {
        const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child = proc;
        let out = '';
        proc.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Ready to accept connections')) resolve();
        });
        proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
      }),
    async kill() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    },
  };
  if (options.started !== false) await redis.start();
  return redis;
}
