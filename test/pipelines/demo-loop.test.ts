// `steward demo loop` at small size, twice with the same seed: act 1 promotes a fine-tune that is
// significantly better, act 2 rolls back a candidate that passed offline but failed live (the
// rollback names the metric and its limit), the lineage leads from production back to the
// feedback, both runs print the same thing, and the temporary data directory is gone.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DemoLoopResult, runDemoLoop } from '../../src/pipelines/demo/demo-loop.js';

const SIZE = { visitsPerPeriod: 16, goldenItems: 16 };

async function play(): Promise<{ result: DemoLoopResult; lines: string[] }> {
  const lines: string[] = [];
  const result = await runDemoLoop({ seed: 1, size: SIZE, say: (l) => lines.push(l) });
  return { result, lines };
}

describe('demo loop', () => {
  it('promotes a real improvement, rolls back a live regression, prints the lineage, the same way every time', async () => {
    const first = await play();
    const { result, lines } = first;
    try {
      const [fix, nightly] = result.acts;
      // Act 1: the gate passed because the candidate is significantly better, and the canary promoted it.
      const gate = fix.run.steps.find((s) => s.name === 'evaluate')?.detail ?? '';
      const [, candidate, production, lower] = /candidate ([\d.]+) vs production ([\d.]+), difference \+[\d.]+ \(95% CI ([+−][\d.]+) …/.exec(gate) ?? [];
      expect(Number(candidate)).toBeGreaterThan(Number(production));
      expect(lower.startsWith('+') && Number(lower.slice(1)) > 0).toBe(true);
      expect(gate).toContain('gate passed');
      expect(fix.run.status).toBe('succeeded');
      expect(fix.canary).toMatchObject({ action: 'completed' });
      expect(result.production).toEqual([fix.candidate]);
      // Act 2: passed offline, broke the feedback guard live, rolled back with the metric and the limit.
      expect(nightly.run.steps.find((s) => s.name === 'evaluate')?.detail).toContain('gate passed');
      expect(nightly.canary?.action).toBe('rolled_back');
      expect(nightly.canary?.reason).toMatch(/guard broken at \d+%: feedback [\d.]+ vs baseline [\d.]+ \(allowed −0\.1\)/);
      expect(nightly.run.status).toBe('failed');
      expect(lines.some((l) => l.includes('ROLLED BACK: guard broken'))).toBe(true);
      // The lineage, from the promoted version back to the alert-triggered run and the feedback.
      expect(result.lineage[0]).toContain(`${fix.candidate} (model version mv#1)`);
      expect(result.lineage.join('\n')).toMatch(/← trained on dataset version support-feedback v1 .* \d+ items/);
      expect(result.lineage.join('\n')).toMatch(/← feedback fb#\d+ \(thumbs down, correction "[^"]+"\) on trace trace#\d+ of route support/);
      expect(result.lineage.at(-1)).toMatch(/started by its alert trigger: alert alr#1 fired/);
      // The temporary data directory is removed.
      expect(basename(result.dataDir)).toMatch(/^steward-demo-/);
      expect(result.kept).toBe(false);
      expect(existsSync(result.dataDir)).toBe(false);
      // Same seed, same story, number for number.
      const second = await play();
      expect(second.lines).toEqual(lines);
      expect(existsSync(second.result.dataDir)).toBe(false);
    } finally {
      console.log(lines.join('\n'));
    }
  }, 480_000);
});
