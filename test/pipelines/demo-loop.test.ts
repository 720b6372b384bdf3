// `steward demo loop` at small size: the whole loop runs offline on the builtin model and every
// step reports what it made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemoLoop } from '../../src/pipelines/demo/demo-loop.js';

describe('demo loop', () => {
  it('curates, trains, evaluates, gates and rolls out on a fresh data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-demo-'));
    const lines: string[] = [];
    try {
      const { run } = await runDemoLoop({ dataDir, size: { feedback: 8, evalItems: 4, trainSteps: 2 }, say: (l) => lines.push(l) });
      const byName = Object.fromEntries(run.steps.map((s) => [s.name, s]));
      expect(byName.curate).toMatchObject({ status: 'succeeded' });
      expect(byName.train).toMatchObject({ status: 'succeeded' });
      expect(byName.evaluate.status).toBe('succeeded');
      expect(byName.evaluate.detail).toMatch(/contains: candidate .* vs production .* gate (passed|failed)/);
      expect(['succeeded', 'failed', 'skipped']).toContain(byName.rollout.status);
      expect(run.steps.flatMap((s) => s.artifacts.map((a) => a.kind))).toEqual(expect.arrayContaining(['dataset_version', 'training_job', 'model_version', 'eval_run']));
      expect(lines.some((l) => l.startsWith('pipeline demo-loop started by the feedback trigger'))).toBe(true);
    } finally {
      console.log(lines.join('\n'));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
