// Starts a worker thread from a sibling module of this package, whether the code runs as compiled
// JavaScript or as TypeScript (tests, tsx): then a tiny bootstrap registers tsx in the worker first.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A Worker for `module` (a path relative to `base`, written without extension), passing `workerData`.
 * @example spawnWorker(import.meta.url, './matmul-worker', {})
 */
export function spawnWorker(base: string, module: string, workerData: unknown): Worker {
  const ts = base.endsWith('.ts');
  const url = new URL(`${module}${ts ? '.ts' : '.js'}`, base);
  if (!ts) return new Worker(url, { workerData });
  // the import condition of tsx/esm/api (createRequire resolves the require one)
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}
