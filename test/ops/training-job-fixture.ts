// A LoRA SFT job on the repository's steward-mini, as small as training gets, and a bounded wait
// for a job to finish: what the replica tests train.
import type { TestSteward } from '../harness/test-steward.js';

export const TINY_JOB = {
  backend: 'builtin',
  method: 'sft',
  baseModel: 'steward-mini',
  items: Array.from({ length: 4 }, (_, i) => ({ input: `add ${i} and 1`, reference: String(i + 1) })),
  hyperParameters: { learningRate: 0.01, batchSize: 1, epochs: 1, maxSteps: 2, adapterRank: 2, seed: 7 },
  backendConfig: { inWorker: false },
};

type Api = (method: string, path: string) => Promise<{ body: Record<string, unknown> }>;

/** Polls a job until it finishes; the bound (60 s) only turns a stuck job into a failure. */
export async function finishedJob(s: TestSteward | { api: Api }, id: string): Promise<Record<string, unknown>> {
  let job: Record<string, unknown> = {};
  for (let i = 0; i < 1200; i++) {
    job = (await s.api('GET', `/api/training/jobs/${id}`)).body;
    if (['succeeded', 'failed', 'cancelled'].includes(job.state as string)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  return job;
}
