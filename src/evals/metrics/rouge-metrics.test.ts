// ROUGE against rouge-score's own test vectors (__fixtures__/rouge-score-test-vectors.json) and
// the Porter stemmer against NLTK 3.8 (__fixtures__/porter-nltk.json).
import { describe, expect, it } from 'vitest';
import porter from './__fixtures__/porter-nltk.json' with { type: 'json' };
import rouge from './__fixtures__/rouge-score-test-vectors.json' with { type: 'json' };
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { bindMetric } from './index.js';
import { porterStem } from './porter-stemmer.js';
import { type RougeType, rougeScore, rougeTokens } from './rouge-metrics.js';

describe('Porter stemmer = NLTK PorterStemmer()', () => {
  it(`stems all ${porter.stems.length} fixture words as NLTK does`, () => {
    const wrong = (porter.stems as [string, string][]).filter(([word, stem]) => porterStem(word) !== stem);
    expect(wrong).toEqual([]);
  });
});

describe('ROUGE = rouge-score', () => {
  it('tokenises like rouge-score: lower case, anything outside [a-z0-9] separates', () => {
    expect(rougeTokens('Hello, world! It’s 3.14')).toEqual(['hello', 'world', 'it', 's', '3', '14']);
    expect(rougeTokens('Running quickly', true)).toEqual(['run', 'quickli']);
  });

  it('matches every published case of rouge_scorer_test.py', () => {
    for (const c of rouge.cases as { type: RougeType; target: string; prediction: string; useStemmer?: boolean; precision: number; recall: number; fmeasure: number; places: number }[]) {
      const s = rougeScore(c.type, c.target, c.prediction, c.useStemmer ?? false);
      const label = `${c.type} ${c.target.slice(0, 20)} / ${c.prediction.slice(0, 20)}`;
      expect(s.precision, label).toBeCloseTo(c.precision, c.places);
      expect(s.recall, label).toBeCloseTo(c.recall, c.places);
      expect(s.fmeasure, label).toBeCloseTo(c.fmeasure, c.places);
    }
  });

  it('ignores punctuation and scores two empty texts 0, as rouge-score does', async () => {
    const result = await bindMetric('rouge_l').score(contextFor('Hello, world!', { reference: 'hello world' }));
    expect(result).toMatchObject({ score: 1, details: { precision: 1, recall: 1, fmeasure: 1 } });
    for (const name of ['rouge_1', 'rouge_2', 'rouge_l', 'rouge_lsum']) {
      expect((await bindMetric(name).score(contextFor('', { reference: '' }))).score, name).toBe(0);
    }
  });

  it('reports the configured measure and takes the reference with the best F1', async () => {
    const recall = await bindMetric('rouge_1', { measure: 'recall' }).score(contextFor('testing', { reference: 'testing one two' }));
    expect(recall.score).toBeCloseTo(1 / 3, 12);
    const best = await bindMetric('rouge_2').score(contextFor('testing one', { reference: 'nothing here', metadata: { references: ['testing one two'] } }));
    expect(best.score).toBeCloseTo(2 / 3, 12);
  });
});
