// Caller side of off-thread training: the event loop (and so a server) stays responsive while a
// worker trains; progress comes back as events, an AbortSignal cancels (the worker checkpoints first).
import { StewardError } from '../../errors/index.js';
import type { FineTuneResult, RunHooks } from '../train/fine-tune.js';
import { spawnWorker } from './spawn-worker.js';
import type { TrainingJobRequest, WorkerMessage } from './training-messages.js';

/** Runs a training job in a worker thread and resolves with its result. */
export function runTrainingJobInWorker(request: TrainingJobRequest, hooks: RunHooks = {}): Promise<FineTuneResult> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) {
      reject(new StewardError({ code: 'TRAINING_CANCELLED', message: 'training cancelled before it started' }));
      return;
    }
    const worker = spawnWorker(import.meta.url, './training-worker', request);
    let settled = false;
    const onAbort = () => worker.postMessage('abort');
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'result') settle(() => resolve(m.result));
      else settle(() => reject(new StewardError({ code: m.error.code, message: m.error.message, details: m.error.details })));
    });
    worker.on('error', (e) => settle(() => reject(new StewardError({ code: 'INTERNAL', message: `training worker failed: ${e.message}`, cause: e }))));
    worker.on('exit', (code) => settle(() => reject(new StewardError({ code: 'INTERNAL', message: `training worker exited with code ${code}` }))));
  });
}
