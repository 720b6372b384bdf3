import { describe, expect, it } from 'vitest';
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { bindMetric } from './index.js';
import { tokenF1 } from './token-f1-metric.js';

describe('token_f1', () => {
  it('follows SQuAD: normalised tokens, precision and recall', () => {
    // prediction tokens: [cat, sat, on, mat] (articles dropped); reference: [cat, sat] → P=2/4, R=2/2
    expect(tokenF1('The cat sat on the mat.', 'a cat sat')).toBeCloseTo((2 * 0.5 * 1) / 1.5, 10);
    expect(tokenF1('Paris', 'London')).toBe(0);
  });

  it('takes the best reference', async () => {
    const result = await bindMetric('token_f1', { threshold: 0.9 }).score(
      contextFor('blue whale', { reference: 'elephant', metadata: { references: ['the blue whale'] } }),
    );
    expect(result).toMatchObject({ score: 1, passed: true });
  });
});
