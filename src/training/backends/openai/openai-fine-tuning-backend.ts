// Fine-tuning on any OpenAI-compatible API: upload the JSONL through /v1/files, create a job at
// /v1/fine_tuning/jobs, poll its status and events (loss points become the job's loss curve), and
// cancel the remote job when ours is cancelled. Resumable: the remote job id is the checkpoint, so
// a restarted replica keeps polling the same remote job instead of paying for a new one.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { StewardError } from '../../../errors/index.js';
import { parseBackendConfig } from '../parse-backend-config.js';
import type { TrainingOutput } from '../../training-job.js';
import type { TrainingBackend, TrainingRun } from '../training-backend.js';
import type { OpenAiFile, OpenAiFineTuningEvent, OpenAiFineTuningJob, OpenAiList } from './openai-fine-tuning-types.js';

export const OpenAiFineTuningConfigSchema = z
  .object({
    baseUrl: z.url().default('https://api.openai.com/v1'),
    /** Name of the project secret holding the API key. */
    apiKeySecret: z.string().min(1),
    suffix: z.string().min(1).max(64).optional(),
    /** OpenAI scales its own learning rate; without this the provider picks it. */
    learningRateMultiplier: z.number().positive().optional(),
    pollIntervalMs: z.number().int().min(10).max(600_000).default(5000),
    /** The configured provider that serves the fine-tuned model (what the registry version names). */
    servingProvider: z.string().min(1).default('openai'),
  })
  .strict();
type Config = z.infer<typeof OpenAiFineTuningConfigSchema>;

interface Checkpoint {
  remoteJobId: string;
}

export class OpenAiFineTuningBackend implements TrainingBackend {
  readonly name = 'openai';
  readonly methods = ['sft', 'dpo'] as const;
  readonly resumable = true;

  parseConfig(config: unknown): Record<string, unknown> {
    return parseBackendConfig(this.name, OpenAiFineTuningConfigSchema, config);
  }

  async train(run: TrainingRun): Promise<TrainingOutput> {
    const config = OpenAiFineTuningConfigSchema.parse(run.config);
    const apiKey = await run.secret(config.apiKeySecret);
    const call = <T>(method: string, path: string, body?: BodyInit, json?: unknown) => callApi<T>(config, apiKey, method, path, run.signal, body, json);
    const checkpoint = run.checkpoint as Checkpoint | null;
    let remote: OpenAiFineTuningJob;
    if (checkpoint?.remoteJobId) {
      remote = await call<OpenAiFineTuningJob>('GET', `/fine_tuning/jobs/${checkpoint.remoteJobId}`);
      run.log('info', `resuming: following remote job ${remote.id} (${remote.status})`);
    } else {
      const form = new FormData();
      form.append('purpose', 'fine-tune');
      form.append('file', new Blob([await readFile(run.dataFile, 'utf8')], { type: 'application/jsonl' }), `${run.jobId}.jsonl`);
      const file = await call<OpenAiFile>('POST', '/files', form);
      run.log('info', `uploaded training file ${file.id} (${file.bytes} bytes)`);
      const hyperparameters = {
        n_epochs: run.hyperParameters.epochs,
        batch_size: run.hyperParameters.batchSize,
        ...(config.learningRateMultiplier ? { learning_rate_multiplier: config.learningRateMultiplier } : {}),
        ...(run.method === 'dpo' && run.hyperParameters.beta ? { beta: run.hyperParameters.beta } : {}),
      };
      const type = run.method === 'dpo' ? 'dpo' : 'supervised';
      remote = await call<OpenAiFineTuningJob>('POST', '/fine_tuning/jobs', undefined, {
        model: run.baseModel,
        training_file: file.id,
        seed: run.hyperParameters.seed,
        ...(config.suffix ? { suffix: config.suffix } : {}),
        method: { type, [type]: { hyperparameters } },
      });
      await run.saveCheckpoint({ remoteJobId: remote.id } satisfies Checkpoint);
      run.log('info', `created remote job ${remote.id}`);
    }
    const seen = new Set<string>();
    // Only a user's cancel stops the remote job; a shutdown leaves it running for the next replica.
    const cancelRemote = () => {
      if (run.signal.reason === 'cancelled') void call('POST', `/fine_tuning/jobs/${remote.id}/cancel`).catch(() => {});
    };
    run.signal.addEventListener('abort', cancelRemote, { once: true });
    if (run.signal.aborted) cancelRemote();
    try {
      for (;;) {
        await this.#readEvents(call, remote.id, seen, run);
        if (remote.status === 'succeeded' || remote.status === 'failed' || remote.status === 'cancelled') break;
        await sleep(config.pollIntervalMs, run.signal);
        remote = await call<OpenAiFineTuningJob>('GET', `/fine_tuning/jobs/${remote.id}`);
      }
    } finally {
      run.signal.removeEventListener('abort', cancelRemote);
    }
    if (remote.status === 'cancelled') throw new StewardError({ code: 'TRAINING_CANCELLED', message: `the remote job ${remote.id} was cancelled` });
    if (remote.status === 'failed' || !remote.fine_tuned_model) {
      throw new StewardError({ code: 'TRAINING_FAILED', message: `the remote job ${remote.id} failed: ${remote.error?.message ?? 'no model produced'}`, details: remote.error });
    }
    return {
      artifactPath: null,
      remoteModel: remote.fine_tuned_model,
      remoteJobId: remote.id,
      metrics: (remote.trained_tokens !== null ? { trainedTokens: remote.trained_tokens } : {}) as Record<string, number>,
      spec: { provider: config.servingProvider, model: remote.fine_tuned_model },
    };
  }

  async #readEvents(call: <T>(method: string, path: string) => Promise<T>, remoteId: string, seen: Set<string>, run: TrainingRun): Promise<void> {
    const page = await call<OpenAiList<OpenAiFineTuningEvent>>('GET', `/fine_tuning/jobs/${remoteId}/events?limit=100`);
    const fresh = page.data.filter((e) => !seen.has(e.id)).sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
    for (const event of fresh) {
      seen.add(event.id);
      const data = event.data ?? {};
      if (event.type === 'metrics' && typeof data.step === 'number') {
        run.progress({ step: data.step, totalSteps: typeof data.total_steps === 'number' ? data.total_steps : data.step, ...(typeof data.train_loss === 'number' ? { loss: data.train_loss } : {}) });
      } else run.log(event.level === 'error' ? 'error' : event.level === 'warn' ? 'warn' : 'info', `remote: ${event.message}`);
    }
  }
}

async function callApi<T>(config: Config, apiKey: string, method: string, path: string, signal: AbortSignal, body?: BodyInit, json?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    // Remote calls outlive a cancel only to tell the provider to cancel.
    response = await fetch(config.baseUrl.replace(/\/+$/, '') + path, { method, headers, body: json !== undefined ? JSON.stringify(json) : body, signal: path.endsWith('/cancel') ? undefined : signal });
  } catch (error) {
    if (signal.aborted) throw new StewardError({ code: 'TRAINING_CANCELLED' });
    throw new StewardError({ code: 'UPSTREAM_UNAVAILABLE', message: `cannot reach ${config.baseUrl}: ${(error as Error).message}` });
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {}
    throw new StewardError({ code: 'TRAINING_FAILED', message: `${method} ${path} → ${response.status}: ${message}`, details: { status: response.status } });
  }
  return JSON.parse(text) as T;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
