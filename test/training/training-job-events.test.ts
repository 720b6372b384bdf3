// A job's events get their sequence numbers inside the writer's transaction. Several writers append
// to one job at once in real use — the runner's periodic flush, its final flush, a user's cancel,
// recovery on another replica — and none of them may fail for it: a lost race here once failed a
// resumed job ("duplicate key … training_job_events_pk") and swallowed a cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainingJobRepository } from '../../src/training/training-job-repository.js';
import { ENGINES } from '../harness/engines.js';
import { type TestStore, openTestStore } from '../harness/test-store.js';

for (const engine of ENGINES) {
  describe(`training job events (${engine.name})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(engine);
      await t.store.db.insertInto('projects').values({ id: 'p-events', name: 'events', description: '', created_at: 1 }).execute();
    });
    afterAll(async () => {
      await t.close();
    });

    it('numbers the events of concurrent writers of one job 1…n, losing none', async () => {
      const { store } = t;
      const repository = new TrainingJobRepository(store);
      await store.db
        .insertInto('training_jobs')
        .values({
          id: 'ftjob-events',
          project_id: 'p-events',
          name: 'n',
          backend: 'command',
          method: 'sft',
          base_model: 'b',
          output_model: 'o',
          dataset_version_id: null,
          inline_items_json: null,
          hyper_json: '{}',
          backend_config_json: '{}',
          state: 'running',
          attempt: 1,
          progress: 0,
          step: 0,
          total_steps: 0,
          eta_ms: null,
          last_loss: null,
          error: null,
          output_json: null,
          checkpoint_json: null,
          model_version_id: null,
          cancel_requested: 0,
          created_by: null,
          created_at: 1,
          started_at: 1,
          finished_at: null,
          updated_at: 1,
          lease_owner: 'replica-a',
          lease_until: 2,
        })
        .execute();
      const writers = 24;
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          store.transaction(async (tx) => {
            // A cancel updates the job row before it logs; a flush only logs: both kinds race here.
            if (i % 3 === 0) await tx.updateTable('training_jobs').set({ cancel_requested: 1 }).where('id', '=', 'ftjob-events').execute();
            await repository.appendEvents(tx, 'ftjob-events', [
              { kind: 'log', message: `writer ${i} a` },
              { kind: 'log', message: `writer ${i} b` },
            ]);
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const events = await repository.events('ftjob-events', { limit: 1000 });
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 2 * writers }, (_, i) => i + 1));
      // Each writer's lines stay together and in order.
      for (let i = 0; i < writers; i++) {
        const a = events.findIndex((e) => e.message === `writer ${i} a`);
        expect(events[a + 1]?.message).toBe(`writer ${i} b`);
      }
    });
  });
}
