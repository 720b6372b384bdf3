// A tiny model made by the real pretraining recipe in a temporary directory, for tests that need a
// model but must stay fast (d=16, one layer, vocab ≈ 300, a few dozen steps).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pretrain } from '../train/pretrain-recipe.js';

/** Architecture of the test model. */
export const TINY_ARCHITECTURE = { dModel: 16, nLayers: 1, nHeads: 2, dHidden: 32, contextLength: 64 } as const;

/** Pretrains a tiny model and returns its directory (a fresh temporary directory each call). */
export async function makeTinyModel(steps = 30, seed = 1): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'steward-tiny-')), 'tiny');
  await pretrain({ outDir: dir, seed, steps, vocabSize: 300, architecture: TINY_ARCHITECTURE, instructionExamples: 400, proseRepeats: 1, name: 'tiny', hyperParameters: { batchSize: 8, microBatchSize: 8, warmupSteps: 3 } });
  return dir;
}
