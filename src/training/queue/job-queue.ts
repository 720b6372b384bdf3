// The queue training jobs wait in: one interface, an in-process queue for the embedded default and
// BullMQ on Redis when REDIS_URL is set. The store stays the source of truth for a job's state;
// the queue only says "this job id may be run now".

export type JobHandler = (jobId: string) => Promise<void>;

export const JOB_QUEUE_KINDS = ['in-process', 'bullmq'] as const;
export type JobQueueKind = (typeof JOB_QUEUE_KINDS)[number];

export interface JobQueue {
  readonly kind: JobQueueKind;
  /** Makes a job runnable. Enqueuing an id already waiting is harmless. */
  enqueue(jobId: string): Promise<void>;
  /** Starts consuming with `handler`, `concurrency` jobs at a time. */
  start(handler: JobHandler): void;
  /** Stops taking jobs and waits for the running handlers to return. */
  close(): Promise<void>;
}
