// The loop over the real server at small size: feedback corrections are curated into a dataset
// version, a training job makes a candidate version, and the run records every artifact; a
// feedback-count trigger starts a run by itself.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/store/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { traceRow } from '../monitoring/trace-fixtures.js';

const TRAINER = fileURLToPath(new URL('../training/fixtures/tiny-trainer.mjs', import.meta.url));

interface Run {
  id: string;
  status: string;
  trigger: string;
  error: string | null;
  steps: { name: string; status: string; detail: string; artifacts: { kind: string; id: string; label?: string }[] }[];
}

async function seedFeedback(s: TestSteward, n: number): Promise<void> {
  const store = s.handle.services.store;
  const projectId = s.handle.services.defaultProject.id;
  for (let i = 0; i < n; i++) {
    const row = { ...traceRow(projectId, { at: Date.now() - 1000, latencyMs: 20, route: 'support' }), request_json: JSON.stringify({ model: 'support', messages: [{ role: 'user', content: `question ${i}` }] }), response_json: JSON.stringify({ choices: [{ message: { role: 'assistant', content: `wrong ${i}` } }] }) };
    await store.db.insertInto('traces').values(row).execute();
    await store.db.insertInto('feedback').values({ id: newId('fb'), trace_id: row.id, created_at: Date.now(), thumb: 'down', rating: null, comment: null, correction: `right ${i}`, source: 'api', annotator: null, actor_id: null }).execute();
  }
}

async function waitRun(s: TestSteward, id: string): Promise<Run> {
  for (let i = 0; i < 1_200; i++) {
    const run = (await s.api('GET', `/api/pipeline-runs/${id}`)).body as unknown as Run;
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('pipeline run did not finish');
}

for (const engine of ENGINES) {
  describe(`retraining pipeline (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    });
    afterAll(async () => {
      await s.close();
    });

    it('curates feedback, trains a candidate and records each step with its artifacts', async () => {
      await seedFeedback(s, 3);
      const created = await s.api('POST', '/api/pipelines', {
        body: {
          name: 'support-retrain',
          definition: {
            triggers: { feedbackCount: 2 },
            curate: { dataset: 'support-curated', route: 'support' },
            train: { backend: 'command', baseModel: 'base', outputModel: 'support-bot', hyperParameters: { epochs: 1 }, backendConfig: { command: process.execPath, args: [TRAINER] } },
          },
        },
      });
      expect(created.status).toBe(201);
      const started = await s.api('POST', '/api/pipelines/support-retrain/runs');
      expect(started.status).toBe(202);
      const run = await waitRun(s, started.body.id as string);
      expect(run.error).toBeNull();
      expect(run.status).toBe('succeeded');
      expect(run.steps.map((st) => [st.name, st.status])).toEqual([
        ['curate', 'succeeded'],
        ['train', 'succeeded'],
        ['evaluate', 'skipped'],
        ['rollout', 'skipped'],
      ]);
      const artifacts = run.steps.flatMap((st) => st.artifacts.map((a) => a.kind));
      expect(artifacts).toEqual(['dataset_version', 'training_job', 'model_version']);
      const version = run.steps[0].artifacts[0];
      expect(version.label).toBe('support-curated v1');
      const items = await s.api('GET', '/api/datasets/support-curated/versions/1/items');
      const first = (items.body.data as { item: { input: unknown; reference: string; provenance: { source: string; traceId: string } } }[])[0].item;
      expect(first).toMatchObject({ input: [{ role: 'user', content: 'question 0' }], reference: 'right 0', provenance: { source: 'feedback' } });
      const job = (await s.api('GET', `/api/training/jobs/${run.steps[1].artifacts[0].id}`)).body;
      expect(job).toMatchObject({ state: 'succeeded', datasetVersionId: version.id, modelVersionId: run.steps[1].artifacts[1].id });
    });

    it('starts a run by itself after N new feedback items', async () => {
      const pipelines = s.handle.services.pipelines;
      expect(await pipelines.tick()).toEqual([]);
      await seedFeedback(s, 2);
      const [runId] = await pipelines.tick();
      expect(runId).toBeDefined();
      const run = await waitRun(s, runId);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ trigger: 'feedback', status: 'succeeded' });
      expect(run.steps[0].detail).toMatch(/^5 items → support-curated v2/);
    });
  });
}
