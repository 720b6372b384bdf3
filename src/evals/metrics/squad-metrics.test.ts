// Exact match and token F1 against the official SQuAD v2.0 evaluation script (and MLQA's Unicode
// normaliser); the expected values were computed by __fixtures__/scripts/squad_reference.py.
import { describe, expect, it } from 'vitest';
import squad from './__fixtures__/squad-reference.json' with { type: 'json' };
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { squadNormalise } from './answer-text.js';
import { bindMetric } from './index.js';
import { tokenF1 } from './token-f1-metric.js';

describe('SQuAD v2.0 normalisation', () => {
  it('deletes ASCII punctuation, keeps Unicode punctuation and drops articles as whole Unicode words', () => {
    expect(squadNormalise("don't")).toBe('dont');
    expect(squadNormalise('U.S.')).toBe('us');
    expect(squadNormalise('Anémone')).toBe('anémone');
    expect(squadNormalise('«Paris»')).toBe('«paris»');
  });

  it('equals evaluate-v2.0.py on every fixture case, and MLQA’s normaliser in the unicode variant', async () => {
    for (const c of squad.cases) {
      expect(squadNormalise(c.prediction), c.prediction).toBe(c.squad.normalised);
      expect(squadNormalise(c.prediction, 'squad_unicode'), c.prediction).toBe(c.unicode.normalised);
      expect(tokenF1(c.prediction, c.reference), c.prediction).toBeCloseTo(c.squad.f1, 15);
      expect(tokenF1(c.prediction, c.reference, 'squad_unicode'), c.prediction).toBeCloseTo(c.unicode.f1, 15);
      const em = await bindMetric('exact_match', { normalization: 'squad' }).score(contextFor(c.prediction, { reference: c.reference }));
      expect(em.score, c.prediction).toBe(c.squad.exact);
      const emUnicode = await bindMetric('exact_match', { normalization: 'squad_unicode' }).score(contextFor(c.prediction, { reference: c.reference }));
      expect(emUnicode.score, c.prediction).toBe(c.unicode.exact);
    }
  });

  it('scores like the script with several references (best one; references that normalise to nothing dropped)', async () => {
    const f1 = bindMetric('token_f1');
    // "The" normalises to nothing and is dropped, so an empty prediction is not a match.
    expect((await f1.score(contextFor('', { reference: 'The', metadata: { references: ['Denver'] } }))).score).toBe(0);
    expect((await f1.score(contextFor('Broncos', { reference: 'Denver Broncos', metadata: { references: ['the Broncos'] } }))).score).toBe(1);
  });
});
