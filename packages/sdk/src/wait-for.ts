// Waiting for long-running work (an evaluation run, a training job) to finish: poll its record
// until its status is final, through the client's sleep, abortable at any time.
import type { ResponseOf } from './api-types.js';
import type { StewardClient } from './steward-client.js';

export type EvalRun = ResponseOf<'/api/evals/runs/{id}'>;
export type TrainingJob = ResponseOf<'/api/training/jobs/{id}'>;

export const FINAL_EVAL_RUN_STATUSES = ['completed', 'completed_with_errors', 'failed', 'cancelled'] as const satisfies readonly EvalRun['status'][];
export const FINAL_TRAINING_JOB_STATES = ['succeeded', 'failed', 'cancelled'] as const satisfies readonly TrainingJob['state'][];

export interface WaitOptions<T> {
  /** Between polls (default 1,000 ms). */
  intervalMs?: number;
  /** Gives up with an error after this many polls (default: never). */
  maxPolls?: number;
  signal?: AbortSignal;
  /** Called with every record read, e.g. to show progress. */
  onPoll?: (record: T) => void;
}

/** Polls `read` until `done` holds for what it answers. */
export async function pollUntil<T>(client: StewardClient, read: (signal?: AbortSignal) => Promise<T>, done: (record: T) => boolean, options: WaitOptions<T> = {}): Promise<T> {
  for (let poll = 1; ; poll++) {
    const record = await read(options.signal);
    options.onPoll?.(record);
    if (done(record)) return record;
    if (options.maxPolls !== undefined && poll >= options.maxPolls) throw new Error(`still not finished after ${poll} polls`);
    await client.sleep(options.intervalMs ?? 1000, options.signal);
  }
}

/**
 * The evaluation run once it has finished (completed, completed with errors, failed or cancelled).
 * @example const run = await waitForEvalRun(steward, created.id, { intervalMs: 500 });
 */
export function waitForEvalRun(client: StewardClient, id: string, options?: WaitOptions<EvalRun>): Promise<EvalRun> {
  const final: readonly string[] = FINAL_EVAL_RUN_STATUSES;
  return pollUntil(client, (signal) => client.get('/api/evals/runs/{id}', { params: { path: { id } }, signal }), (run) => final.includes(run.status), options);
}

/** The training job once it has succeeded, failed or been cancelled. */
export function waitForTrainingJob(client: StewardClient, id: string, options?: WaitOptions<TrainingJob>): Promise<TrainingJob> {
  const final: readonly string[] = FINAL_TRAINING_JOB_STATES;
  return pollUntil(client, (signal) => client.get('/api/training/jobs/{id}', { params: { path: { id } }, signal }), (job) => final.includes(job.state), options);
}
