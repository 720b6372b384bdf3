import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from './experiment-analysis.js';
import { createSeededRandom } from './seeded-random.js';

describe('analyzeExperiment', () => {
  const rng = createSeededRandom(21);
  const control = {
    latencyMs: Array.from({ length: 300 }, () => 200 + 30 * rng.normal()),
    costUsd: Array.from({ length: 300 }, () => 0.002 + 0.0002 * rng.normal()),
    errors: Array.from({ length: 300 }, (_, i) => i % 20 === 0),
    feedback: Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? 0 : 1)),
  };
  const treatment = {
    latencyMs: Array.from({ length: 300 }, () => 170 + 30 * rng.normal()),
    costUsd: Array.from({ length: 300 }, () => 0.002 + 0.0002 * rng.normal()),
    errors: Array.from({ length: 300 }, (_, i) => i % 20 === 1),
    feedback: Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? 0 : 1)),
  };

  it('flags a real latency improvement and nothing else', () => {
    const results = analyzeExperiment(control, treatment, { seed: 2, resamples: 500 });
    const by = Object.fromEntries(results.map((r) => [r.metric, r]));
    expect(Object.keys(by).sort()).toEqual(['costUsd', 'errorRate', 'feedback', 'latencyMs']);
    expect(by.latencyMs.significant).toBe(true);
    expect(by.latencyMs.treatmentBetter).toBe(true);
    expect(by.latencyMs.difference).toBeGreaterThan(-40);
    expect(by.latencyMs.difference).toBeLessThan(-20);
    expect(by.latencyMs.upper).toBeLessThan(0);
    expect(by.latencyMs.bootstrapUpper).toBeLessThan(0);
    expect(by.latencyMs.rankPValue).toBeLessThan(0.001);
    expect(by.errorRate.test).toBe('two_proportion_z');
    expect(by.errorRate.difference).toBe(0);
    expect(by.errorRate.significant).toBe(false);
    expect(by.feedback.significant).toBe(false);
    expect(by.costUsd.significant).toBe(false);
  });
  it('skips metrics one arm lacks', () => {
    expect(analyzeExperiment({ latencyMs: [1, 2] }, { latencyMs: [3, 4], errors: [true] }).map((r) => r.metric)).toEqual(['latencyMs']);
  });
});
