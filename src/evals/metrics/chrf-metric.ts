// chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacreBLEU 2.x computes them
// (mjpost/sacrebleu, sacrebleu/metrics/chrf.py, checked against test/test_chrf.py): character
// n-grams 1..6 without whitespace, plus word n-grams 1..2 for chrF++, β = 2, averaged over the
// orders both sides have (sacreBLEU's default) or with chrF++.py's epsilon smoothing.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { SACREBLEU_VERSION } from './bleu-metric.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { pythonSplit } from './python-text.js';

export interface ChrfOptions {
  /** Character n-gram order (default 6). */
  charOrder?: number;
  /** Word n-gram order: 0 for chrF (default), 2 for chrF++. */
  wordOrder?: number;
  /** Weight of recall (default 2). */
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (default false). */
  whitespace?: boolean;
  /** chrF++.py / NLTK / Moses epsilon smoothing instead of sacreBLEU's effective order (default false). */
  epsSmoothing?: boolean;
}

/** Per order (characters first, then words): [hypothesis n-grams, reference n-grams, matches]. */
export type ChrfStatistics = number[];

/** Python's `string.punctuation`, which chrF++ splits off the start or end of words. */
const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

function counter(items: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function charNgrams(line: string, maxOrder: number, whitespace: boolean): Map<string, number>[] {
  const chars = Array.from(whitespace ? line : pythonSplit(line).join(''));
  const orders: Map<string, number>[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    orders.push(counter(grams));
  }
  return orders;
}

/** chrF++'s primitive tokenisation: one leading or trailing ASCII punctuation mark becomes its own word. */
function wordsOf(sentence: string): string[] {
  const words: string[] = [];
  for (const word of pythonSplit(sentence)) {
    const chars = Array.from(word);
    if (chars.length === 1) words.push(word);
    else if (PUNCTS.has(chars[chars.length - 1])) words.push(chars.slice(0, -1).join(''), chars[chars.length - 1]);
    else if (PUNCTS.has(chars[0])) words.push(chars[0], chars.slice(1).join(''));
    else words.push(word);
  }
  return words;
}

function allNgrams(sentence: string, options: Required<ChrfOptions>): Map<string, number>[] {
  const text = options.lowercase ? sentence.toLowerCase() : sentence;
  const orders = charNgrams(text, options.charOrder, options.whitespace);
  if (options.wordOrder > 0) {
    const words = wordsOf(text);
    for (let n = 1; n <= options.wordOrder; n++) {
      const grams: string[] = [];
      for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
      orders.push(counter(grams));
    }
  }
  return orders;
}

function withDefaults(options: ChrfOptions): Required<ChrfOptions> {
  return { charOrder: 6, wordOrder: 0, beta: 2, lowercase: false, whitespace: false, epsSmoothing: false, ...options };
}

/** sacreBLEU's `CHRF._compute_f_score`: the chrF score (0–100) of (summed) statistics. */
export function chrfFromStatistics(statistics: ChrfStatistics, options: ChrfOptions = {}): number {
  const o = withDefaults(options);
  const order = o.charOrder + o.wordOrder;
  const eps = 1e-16;
  const factor = o.beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const [nHyp, nRef, nMatch] = statistics.slice(3 * i, 3 * i + 3);
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder++;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) return 0;
  avgPrec /= effectiveOrder;
  avgRec /= effectiveOrder;
  if (avgPrec + avgRec === 0) return 0;
  return (100 * ((1 + factor) * avgPrec * avgRec)) / (factor * avgPrec + avgRec);
}

/** Statistics of one hypothesis against the reference that gives it the best chrF. */
export function chrfSegmentStatistics(hypothesis: string, references: readonly string[], options: ChrfOptions = {}): ChrfStatistics {
  const o = withDefaults(options);
  const refs = references.filter((reference) => reference !== '');
  if (refs.length === 0) throw new Error('chrF needs at least one non-empty reference');
  const hyp = allNgrams(hypothesis, o);
  let best: ChrfStatistics = [];
  let bestF = -1;
  for (const reference of refs) {
    const ref = allNgrams(reference, o);
    const stats: number[] = [];
    for (let k = 0; k < hyp.length; k++) {
      let matches = 0;
      let hypCount = 0;
      for (const [gram, count] of hyp[k]) {
        hypCount += count;
        matches += Math.min(count, ref[k].get(gram) ?? 0);
      }
      let refCount = 0;
      for (const count of ref[k].values()) refCount += count;
      // sacreBLEU does not count hypothesis n-grams of an order the reference has none of.
      stats.push(ref[k].size > 0 ? hypCount : 0, refCount, matches);
    }
    const f = chrfFromStatistics(stats, o);
    if (f > bestF) [bestF, best] = [f, stats];
  }
  return best;
}

/** `CHRF().sentence_score(hypothesis, references).score` (0–100). */
export function sentenceChrf(hypothesis: string, references: readonly string[], options: ChrfOptions = {}): number {
  return chrfFromStatistics(chrfSegmentStatistics(hypothesis, references, options), options);
}

/** `CHRF().corpus_score(hypotheses, referenceStreams).score` (0–100): statistics summed over the corpus. */
export function corpusChrf(hypotheses: readonly string[], referenceStreams: readonly (readonly string[])[], options: ChrfOptions = {}): number {
  const o = withDefaults(options);
  const sum = new Array<number>(3 * (o.charOrder + o.wordOrder)).fill(0);
  hypotheses.forEach((hypothesis, i) => {
    const stats = chrfSegmentStatistics(hypothesis, referenceStreams.map((stream) => stream[i] ?? ''), o);
    stats.forEach((value, k) => {
      sum[k] += value;
    });
  });
  return chrfFromStatistics(sum, o);
}

/** sacreBLEU's chrF signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3`. */
export function chrfSignature(options: ChrfOptions, nrefs: number | 'var'): string {
  const o = withDefaults(options);
  return `nrefs:${nrefs}|case:${o.lowercase ? 'lc' : 'mixed'}|eff:${o.epsSmoothing ? 'no' : 'yes'}|nc:${o.charOrder}|nw:${o.wordOrder}|space:${o.whitespace ? 'yes' : 'no'}|version:${SACREBLEU_VERSION}`;
}

function chrfConfigSchema(wordOrder: number) {
  return z.strictObject({
    charOrder: z.number().int().min(1).max(12).default(6),
    wordOrder: z.number().int().min(0).max(4).default(wordOrder),
    beta: z.number().int().min(1).max(10).default(2),
    lowercase: z.boolean().default(false),
    whitespace: z.boolean().default(false),
    epsSmoothing: z.boolean().default(false),
    threshold: thresholdField,
  });
}
export const ChrfConfigSchema = chrfConfigSchema(0);
export type ChrfConfig = z.infer<typeof ChrfConfigSchema>;

function chrfMetric(name: string, label: string, wordOrder: number): EvalMetric<ChrfConfig> {
  return {
    name,
    description: `${label} as sacreBLEU 2.x computes it (character 6-grams${wordOrder > 0 ? ' and word bigrams' : ''}, β = 2) against the best reference, scaled to 0..1 (sacreBLEU score / 100); details carry the sacreBLEU score and signature. Higher is better.`,
    higherIsBetter: true,
    range: [0, 1],
    configSchema: chrfConfigSchema(wordOrder),
    async score({ item, output }, config) {
      const references = referencesOf(item).filter((reference) => reference !== '');
      if (references.length === 0) return metricError('the item has no reference');
      const statistics = chrfSegmentStatistics(output, references, config);
      const chrf = chrfFromStatistics(statistics, config);
      // The statistics let corpus chrF be recomputed from stored results (sum them, then chrfFromStatistics).
      const { threshold: _threshold, ...options } = config;
      return thresholdResult(chrf / 100, config.threshold, {
        chrf,
        statistics,
        signature: chrfSignature(config, references.length),
        corpus: { kind: 'chrf', statistics, options, nrefs: references.length },
      });
    },
  };
}

/** chrF (word order 0). */
export const chrfMetricDefinition = chrfMetric('chrf', 'chrF', 0);
/** chrF++ (word order 2). */
export const chrfPlusPlusMetric = chrfMetric('chrf_pp', 'chrF++', 2);
