// BLEU and chrF against sacreBLEU's own published test vectors (__fixtures__/sacrebleu-test-vectors.json,
// copied from mjpost/sacrebleu test/test_bleu.py, test_sentence_bleu.py and test_chrf.py).
import { describe, expect, it } from 'vitest';
import nltk from './__fixtures__/nltk-bleu.json' with { type: 'json' };
import vectors from './__fixtures__/sacrebleu-test-vectors.json' with { type: 'json' };
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { type BleuSmoothing, type BleuStatistics, bleuSegmentStatistics, bleuSignature, computeBleu, corpusBleu, sentenceBleu, sumBleuStatistics } from './bleu-metric.js';
import { corpusChrf, sentenceChrf } from './chrf-metric.js';
import { bindMetric } from './index.js';
import { type BleuTokeniser, tokenise13a, tokeniseIntl } from './sacrebleu-tokenisers.js';

describe('sacreBLEU tokenisers', () => {
  it('13a keeps apostrophes, hyphenated words and decimal numbers whole, like mteval-v13a', () => {
    expect(tokenise13a("It's state-of-the-art: 3.14159, 1-2 (see p.5)!")).toBe("It's state-of-the-art : 3.14159 , 1 - 2 ( see p . 5 ) !");
    expect(tokenise13a('The dog bit the man.')).toBe('The dog bit the man .');
    expect(tokenise13a('Fish &amp; chips &quot;here&quot;')).toBe('Fish & chips " here "');
  });
  it('intl splits Unicode punctuation and symbols unless between digits', () => {
    expect(tokeniseIntl('«Voilà», dit-il: 3,5 € — 1.000.')).toBe('« Voilà » , dit - il : 3,5 € — 1.000.');
  });
});

describe('BLEU = sacreBLEU', () => {
  const c = vectors.corpusBleu;
  it('corpus BLEU over two reference streams, every tokeniser and smoothing of test_bleu.py', () => {
    for (const { options, score } of c.cases) {
      expect(Math.abs(corpusBleu(c.hypotheses, c.references, options as { tokenize?: BleuTokeniser; smoothing?: BleuSmoothing }).score - score)).toBeLessThan(1e-6);
    }
    expect(corpusBleu(c.emptyHypotheses.hypotheses, c.references).score).toBe(c.emptyHypotheses.score);
    for (const [maxOrder, score] of c.maxOrder as [number, string][]) expect(corpusBleu(c.hypotheses, c.references, { maxOrder }).score.toFixed(2)).toBe(score);
  });

  it('raw corpus BLEU, effective order and offsets (floor smoothing, no tokenisation)', () => {
    for (const r of vectors.rawCorpusBleu) {
      const score = corpusBleu(r.hypotheses, r.references, { tokenize: 'none', smoothing: 'floor', smoothValue: r.smoothValue, effectiveOrder: true }).score;
      expect(Math.abs(score / 100 - r.fraction), r.hypotheses.join('|')).toBeLessThan(1e-8);
    }
    const s = vectors.statistics;
    const stats = bleuSegmentStatistics(s.hypothesis, [s.reference], { tokenize: 'none' });
    expect([stats.correct, stats.total]).toEqual([s.counts, s.totals]);
  });

  it('scores from statistics, degenerate statistics included', () => {
    const s = vectors.scoring;
    expect(Math.abs(computeBleu({ correct: s.counts, total: s.totals, hypLen: s.sysLen, refLen: s.refLen }, { smoothing: 'none' }).score / 100 - s.fraction)).toBeLessThan(1e-8);
    for (const d of vectors.degenerate) {
      expect(computeBleu({ correct: d.counts, total: d.totals, hypLen: d.sysLen, refLen: d.refLen }, { smoothing: 'floor', smoothValue: d.smoothValue }).score).toBe(0);
    }
  });

  it('sentence BLEU with every smoothing, tokeniser and case of test_sentence_bleu.py', () => {
    const s = vectors.sentenceBleu;
    for (const t of s.cases) {
      const options = { smoothing: t.smoothing as BleuSmoothing, smoothValue: t.smoothValue, lowercase: t.lowercase, tokenize: t.tokenize as BleuTokeniser };
      expect(Math.abs(sentenceBleu(s.hypothesis, [s.reference], options).score - t.score), JSON.stringify(t)).toBeLessThan(s.tolerance);
    }
    for (const smoothing of s.zero.smoothings) expect(sentenceBleu(s.zero.hypothesis, [s.zero.reference], { smoothing: smoothing as BleuSmoothing }).score).toBe(0);
  });

  it('the metric: case-sensitive by default, an exact match scores 1 even when shorter than 4 words, no shared word scores 0', async () => {
    const bleu = bindMetric('bleu');
    const exact = await bleu.score(contextFor('Paris.', { reference: 'Paris.' }));
    expect(exact.score).toBeCloseTo(1, 14);
    expect(exact.details?.signature).toBe('nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.4.3');
    expect((await bleu.score(contextFor('london', { reference: 'Paris' }))).score).toBe(0);
    expect((await bleu.score(contextFor('the cat sat on the mat', { reference: 'The cat sat on the mat' }))).score).toBeLessThan(1);
    const lc = await bindMetric('bleu', { lowercase: true, smoothing: 'floor', effectiveOrder: false }).score(contextFor('the cat sat on the mat', { reference: 'The cat sat on the mat' }));
    expect(lc.score).toBeCloseTo(1, 12);
    expect(lc.details?.signature).toBe('nrefs:1|case:lc|eff:no|tok:13a|smooth:floor[0.10]|version:2.4.3');
  });

  it('the README examples: corpus BLEU with its precisions, brevity penalty and signature, also with a missing reference', () => {
    const r = vectors.readme;
    const sameButVersion = (signature: string) => signature.replace('version:2.0.0', 'version:2.4.3');
    for (const [references, expected, nrefs] of [[r.references, r.bleu, 2], [r.variableReferences.references, r.variableReferences.bleu, 'var']] as const) {
      const bleu = corpusBleu(r.hypotheses, references);
      expect(bleu.score.toFixed(2)).toBe(expected.score);
      expect(bleu.precisions.map((p) => p.toFixed(1)).join('/')).toBe(expected.precisions);
      expect(bleu.brevityPenalty.toFixed(3)).toBe(expected.bp);
      expect([bleu.statistics.hypLen, bleu.statistics.refLen]).toEqual([expected.hypLen, expected.refLen]);
      expect(bleuSignature({}, nrefs)).toBe(sameButVersion(expected.signature));
    }
    expect(corpusChrf(r.hypotheses, r.references).toFixed(2)).toBe(r.chrf.score);
  });

  it('keeps per-item statistics from which the corpus score of a run is recomputed', async () => {
    const c = vectors.corpusBleu;
    const bleu = bindMetric('bleu', { effectiveOrder: false });
    const stats: BleuStatistics[] = [];
    for (const [i, hypothesis] of c.hypotheses.entries()) {
      const result = await bleu.score(contextFor(hypothesis, { reference: c.references[0][i], metadata: { references: [c.references[1][i]] } }));
      stats.push(result.details?.statistics as BleuStatistics);
    }
    expect(Math.abs(computeBleu(sumBleuStatistics(stats)).score - 48.530827)).toBeLessThan(1e-6);
  });
});

describe('BLEU = NLTK where NLTK agrees with sacreBLEU (whitespace tokens, no smoothing or floor)', () => {
  it('corpus and sentence BLEU of nltk.translate.bleu_score', () => {
    const { hypotheses, references } = nltk.corpus;
    const streams = [0, 1].map((k) => references.map((refs) => refs[k] ?? ''));
    expect(corpusBleu(hypotheses, streams, { tokenize: 'none', smoothing: 'none' }).score / 100).toBeCloseTo(nltk.corpusBleu, 12);
    hypotheses.forEach((hypothesis, i) => {
      const plain = sentenceBleu(hypothesis, references[i], { tokenize: 'none', smoothing: 'none', effectiveOrder: false }).score / 100;
      expect(plain, hypothesis).toBeCloseTo(nltk.sentenceBleu[i], 12);
      const floor = sentenceBleu(hypothesis, references[i], { tokenize: 'none', smoothing: 'floor', effectiveOrder: false }).score / 100;
      expect(floor, hypothesis).toBeCloseTo(nltk.sentenceBleuFloor[i], 12);
    });
  });
});

describe('chrF = sacreBLEU', () => {
  const v = vectors.chrf;
  const corpus = (hyps: string[], refs: string[]) => ({ hyps, streams: [refs] });
  it('corpus chrF with epsilon smoothing, effective order and kept whitespace (β = 3 as in test_chrf.py)', () => {
    for (const [hyps, refs, score] of v.epsSmoothingBeta3 as [string[], string[], number][]) {
      const c = corpus(hyps, refs);
      expect(Math.abs(corpusChrf(c.hyps, c.streams, { beta: 3, epsSmoothing: true }) - score), hyps.join('|')).toBeLessThan(v.tolerance);
    }
    for (const [hyps, refs, score] of v.effectiveOrderBeta3 as [string[], string[], number][]) {
      expect(Math.abs(corpusChrf(hyps, [refs], { beta: 3 }) - score), hyps.join('|')).toBeLessThan(v.tolerance);
    }
    for (const [hyps, refs, score] of v.keepWhitespaceBeta3 as [string[], string[], number][]) {
      expect(Math.abs(corpusChrf(hyps, [refs], { beta: 3, whitespace: true }) - score)).toBeLessThan(v.tolerance);
    }
  });

  it('sentence chrF (β = 2) as test_chrf.py', () => {
    for (const [hyp, refs, score] of v.sentenceEpsSmoothing as [string, string[], number][]) {
      expect(Math.abs(sentenceChrf(hyp, refs, { epsSmoothing: true }) - score)).toBeLessThan(v.tolerance);
    }
  });

  it('chrF++ adds word unigrams and bigrams (hand computation)', async () => {
    // chars "abcd" vs "abdc": P = R = 1, 1/3, 0, 0 over 4 effective orders → 1/3;
    // words {ab, cd} vs {ab, dc}: 1/2, bigram 0 → chrF++ averages 6 orders: (1 + 1/3 + 1/2)/6 = 11/36.
    expect(sentenceChrf('ab cd', ['ab dc'])).toBeCloseTo(100 / 3, 10);
    expect(sentenceChrf('ab cd', ['ab dc'], { wordOrder: 2 })).toBeCloseTo((100 * 11) / 36, 10);
    const pp = await bindMetric('chrf_pp').score(contextFor('ab cd', { reference: 'ab dc' }));
    expect(pp.score).toBeCloseTo(11 / 36, 12);
    expect(pp.details?.signature).toBe('nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.4.3');
  });
});
