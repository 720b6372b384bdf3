import { describe, expect, it } from 'vitest';
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { sentenceBleu } from './bleu-metric.js';
import { bindMetric } from './index.js';
import { lcsLength, rougeL } from './rouge-l-metric.js';
import { tokenF1 } from './token-f1-metric.js';

const tokens = (text: string): string[] => text.split(' ');

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

describe('bleu', () => {
  it('is 1 for an identical sentence and 0 without any common word', () => {
    expect(sentenceBleu(tokens('the cat sat on the mat'), [tokens('the cat sat on the mat')])).toBeCloseTo(1, 10);
    expect(sentenceBleu(tokens('a b c d'), [tokens('e f g h')])).toBe(0);
  });

  it('matches a hand computation with add-one smoothing', () => {
    // candidate: the cat the cat on the mat (7), reference: the cat is on the mat (6)
    // clipped matches: 1-grams 5/7, 2-grams 3/6, 3-grams 1/5, 4-grams 0/4; add one from order 2:
    // p = 5/7, 4/7, 2/6, 1/5; brevity penalty 1 (7 ≥ 6)
    const expected = ((5 / 7) * (4 / 7) * (2 / 6) * (1 / 5)) ** 0.25;
    expect(sentenceBleu(tokens('the cat the cat on the mat'), [tokens('the cat is on the mat')])).toBeCloseTo(expected, 10);
  });

  it('applies the brevity penalty and plain BLEU gives 0 with a missing order', () => {
    // candidate "the cat sat" (3) vs reference "the cat sat on the mat" (6): all precisions 1 after
    // add-one on orders 2–4: p2 = 3/3, p3 = 2/2, p4 = (0+1)/(0+1); BP = exp(1 − 6/3)
    expect(sentenceBleu(tokens('the cat sat'), [tokens('the cat sat on the mat')])).toBeCloseTo(Math.exp(-1), 10);
    expect(sentenceBleu(tokens('the cat sat'), [tokens('the cat sat on the mat')], { smoothing: 'none' })).toBe(0);
  });

  it('lower-cases and splits punctuation in the metric', async () => {
    const result = await bindMetric('bleu').score(contextFor('The cat sat on the mat.', { reference: 'the cat sat on the mat .' }));
    expect(result.score).toBeCloseTo(1, 10);
  });
});

describe('rouge_l', () => {
  it('computes the LCS F-measure', () => {
    // LCS of "police killed the gunman" and "police kill the gunman" is 3 (police, the, gunman)
    expect(lcsLength(tokens('police killed the gunman'), tokens('police kill the gunman'))).toBe(3);
    expect(rougeL(tokens('police killed the gunman'), tokens('police kill the gunman'))).toBeCloseTo(0.75, 10);
    // candidate 3 tokens, reference 6, LCS 3: P=1, R=0.5, F=2/3
    expect(rougeL(tokens('the cat sat'), tokens('the cat sat on the mat'))).toBeCloseTo(2 / 3, 10);
  });

  it('weighs recall with beta', async () => {
    const result = await bindMetric('rouge_l', { beta: 2 }).score(contextFor('the cat sat', { reference: 'the cat sat on the mat' }));
    // F_beta = (1+4)·P·R / (R + 4·P) with P=1, R=0.5 → 2.5 / 4.5
    expect(result.score).toBeCloseTo(2.5 / 4.5, 10);
  });
});
