import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SAMPLING_DEFAULTS } from '../inference/sampler.js';
import { loadModelFiles } from '../io/model-files.js';
import { TINY_ARCHITECTURE } from '../testing/tiny-model-fixture.js';
import { pretrain } from './pretrain-recipe.js';

const run = (seed: number) =>
  pretrain({
    outDir: join(mkdtempSync(join(tmpdir(), 'pt-')), 'm'),
    seed,
    steps: 6,
    vocabSize: 290,
    architecture: TINY_ARCHITECTURE,
    instructionExamples: 100,
    proseRepeats: 1,
    hyperParameters: { batchSize: 4, warmupSteps: 1 },
  });

describe('pretraining recipe', () => {
  it('is deterministic from the seed and records itself in the model', async () => {
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(b.summary.lossHistory).toEqual(a.summary.lossHistory);
    expect(c.summary.lossHistory).not.toEqual(a.summary.lossHistory);
    const saved = loadModelFiles(a.model.dir ?? '');
    expect(saved.meta.training?.recipe).toBe('steward model pretrain --seed 3 --steps 6');
    expect(saved.meta.sampling).toEqual(BUILTIN_SAMPLING_DEFAULTS);
  });
});
