// The builtin backend over the real server: a LoRA SFT job on a tiny pretrained model, with a
// loss curve, an adapter artifact and a candidate version in the registry.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../src/model/testing/index.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

describe('builtin training backend (sqlite)', () => {
  let s: TestSteward;
  let base: string;
  beforeAll(async () => {
    base = await makeTinyModel(10);
    s = await startTestSteward({ name: 'sqlite', databaseUrl: undefined });
  });
  afterAll(async () => {
    await s.close();
  });

  it('fine-tunes a LoRA adapter and registers it as a candidate with lineage', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ input: `add ${i} and 1`, reference: String(i + 1) }));
    const created = await s.api('POST', '/api/training/jobs', {
      body: { backend: 'builtin', method: 'sft', baseModel: base, outputModel: 'tiny-adder', items, hyperParameters: { learningRate: 0.01, batchSize: 2, epochs: 1, maxSteps: 3, adapterRank: 4, seed: 3 }, backendConfig: { inWorker: false } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let job = created.body;
    for (let i = 0; i < 1_600 && !['succeeded', 'failed'].includes(job.state as string); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await s.api('GET', `/api/training/jobs/${id}`)).body;
    }
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ state: 'succeeded', progress: 1, output: { spec: { provider: 'builtin', artifact: { kind: 'lora' } } } });
    const artifact = (job.output as { artifactPath: string }).artifactPath;
    expect(existsSync(join(artifact, 'adapter.safetensors')) || existsSync(join(artifact, 'model.safetensors'))).toBe(true);
    const loss = (await s.api('GET', `/api/training/jobs/${id}/loss`)).body.data as { step: number; loss: number }[];
    expect(loss.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(loss.every((p) => Number.isFinite(p.loss) && p.loss > 0)).toBe(true);
    const versionId = job.modelVersionId as string;
    expect(versionId).toMatch(/^mv_/);
    const versions = await s.api('GET', '/api/models/tiny-adder/versions');
    expect(versions.body.data).toEqual([expect.objectContaining({ id: versionId, status: 'candidate', source: { kind: 'training_job', jobId: id } })]);
  });
});
