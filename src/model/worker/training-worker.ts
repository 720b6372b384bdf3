// Worker side of off-thread training: runs one fine-tuning job, posts progress events, obeys an
// abort message, and reports the result or a serialised StewardError.
import { parentPort, workerData } from 'node:worker_threads';
import { StewardError } from '../../errors/index.js';
import { distillLogitsInThread, trainDpoInThread, trainSftInThread } from '../train/fine-tune.js';
import type { TrainingProgress } from '../train/train-loop.js';
import type { TrainingJobRequest, WorkerMessage } from './training-messages.js';

const port = parentPort!;
const request = workerData as TrainingJobRequest;
const controller = new AbortController();
port.on('message', (m: string) => {
  if (m === 'abort') controller.abort();
});
const post = (m: WorkerMessage) => port.postMessage(m);
const hooks = { signal: controller.signal, onProgress: (progress: TrainingProgress) => post({ type: 'progress', progress }) };

async function main(): Promise<void> {
  try {
    const result =
      request.kind === 'sft'
        ? await trainSftInThread(request.options, hooks)
        : request.kind === 'dpo'
          ? await trainDpoInThread(request.options, hooks)
          : await distillLogitsInThread(request.options, hooks);
    post({ type: 'result', result });
  } catch (e) {
    const err = StewardError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL' as const, message: (e as Error)?.stack ?? String(e), details: undefined };
    post({ type: 'error', error: err });
  }
}

void main();
