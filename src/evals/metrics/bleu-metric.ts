// BLEU (Papineni et al. 2002) exactly as sacreBLEU 2.x computes it (mjpost/sacrebleu,
// sacrebleu/metrics/bleu.py, checked against its test suite test/test_bleu.py and
// test/test_sentence_bleu.py): its tokenisers, case-sensitive by default, smoothing `exp`, `floor`,
// `add-k` or `none` (Chen & Cherry 2014), effective order, closest reference length, and the
// signature string sacreBLEU prints so a reader can compare numbers.
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { pythonRstrip, pythonSplit } from './python-text.js';
import { BLEU_TOKENISERS, type BleuTokeniser, sacrebleuTokenise } from './sacrebleu-tokenisers.js';

/** The sacreBLEU release whose definitions (and signature format) this reproduces. */
export const SACREBLEU_VERSION = '2.4.3';

export const BLEU_SMOOTHINGS = ['exp', 'floor', 'add-k', 'none'] as const;
export type BleuSmoothing = (typeof BLEU_SMOOTHINGS)[number];

/** sacreBLEU's defaults for the smoothing value (Chen & Cherry 2014). */
const SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothing, number | null>> = { none: null, floor: 0.1, 'add-k': 1, exp: null };

export interface BleuOptions {
  /** `13a` (default), `intl`, `char` or `none`. */
  tokenize?: BleuTokeniser;
  /** Lower-case before tokenising (sacreBLEU `-lc`); default false: BLEU is case-sensitive. */
  lowercase?: boolean;
  /** `exp` (default, NIST / mteval-v13a), `floor`, `add-k` or `none`. */
  smoothing?: BleuSmoothing;
  /** The value of `floor` (default 0.1) or `add-k` (default 1). */
  smoothValue?: number;
  maxOrder?: number;
  /** Average only over the orders the hypothesis has n-grams of (sacreBLEU's sentence-BLEU recommendation). */
  effectiveOrder?: boolean;
}

/** The sufficient statistics of one segment or a corpus (summed over segments). */
export interface BleuStatistics {
  hypLen: number;
  refLen: number;
  /** Clipped n-gram matches per order 1..maxOrder. */
  correct: number[];
  /** Hypothesis n-grams per order. */
  total: number[];
}

export interface BleuScore {
  /** BLEU on sacreBLEU's 0–100 scale. */
  score: number;
  /** Modified n-gram precisions (0–100), smoothed as configured. */
  precisions: number[];
  brevityPenalty: number;
  statistics: BleuStatistics;
}

function preprocess(segment: string, options: BleuOptions): string[] {
  const text = options.lowercase ? segment.toLowerCase() : segment;
  return pythonSplit(sacrebleuTokenise(pythonRstrip(text), options.tokenize ?? '13a'));
}

function ngramCounts(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = `${n}|${tokens.slice(i, i + n).join(' ')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The references sacreBLEU keeps for a segment: empty strings are not references. */
function usableReferences(references: readonly string[]): string[] {
  return references.filter((reference) => reference !== '');
}

/**
 * Statistics of one hypothesis against its references: clipped counts against the maximum count
 * of each n-gram over the references, and the reference length closest to the hypothesis length
 * (the shorter one on a tie).
 */
export function bleuSegmentStatistics(hypothesis: string, references: readonly string[], options: BleuOptions = {}): BleuStatistics {
  const maxOrder = options.maxOrder ?? 4;
  const refs = usableReferences(references);
  if (refs.length === 0) throw new Error('BLEU needs at least one non-empty reference');
  const refNgrams = new Map<string, number>();
  const refLens: number[] = [];
  for (const reference of refs) {
    const tokens = preprocess(reference, options);
    refLens.push(tokens.length);
    for (const [gram, count] of ngramCounts(tokens, maxOrder)) refNgrams.set(gram, Math.max(refNgrams.get(gram) ?? 0, count));
  }
  const hypTokens = preprocess(hypothesis, options);
  let refLen = -1;
  let closestDiff = -1;
  for (const length of refLens) {
    const diff = Math.abs(hypTokens.length - length);
    if (closestDiff === -1 || diff < closestDiff) [closestDiff, refLen] = [diff, length];
    else if (diff === closestDiff && length < refLen) refLen = length;
  }
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [gram, count] of ngramCounts(hypTokens, maxOrder)) {
    const n = Number(gram.slice(0, gram.indexOf('|'))) - 1;
    total[n] += count;
    correct[n] += Math.min(count, refNgrams.get(gram) ?? 0);
  }
  return { hypLen: hypTokens.length, refLen, correct, total };
}

/** sacreBLEU's `my_log`: log, with log(0) a large negative number instead of −∞. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/** sacreBLEU's `BLEU.compute_bleu`: the score from (summed) statistics, with smoothing and effective order. */
export function computeBleu(statistics: BleuStatistics, options: BleuOptions = {}): BleuScore {
  const maxOrder = options.maxOrder ?? 4;
  const method = options.smoothing ?? 'exp';
  const smoothValue = options.smoothValue ?? SMOOTH_DEFAULTS[method] ?? 0;
  const { hypLen, refLen } = statistics;
  const correct = [...statistics.correct];
  const total = [...statistics.total];
  const brevityPenalty = hypLen < refLen ? (hypLen > 0 ? Math.exp(1 - refLen / hypLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  // No match at any order: 0, whatever the smoothing (sacreBLEU issue #141).
  if (!correct.some((c) => c > 0)) return { score: 0, precisions, brevityPenalty, statistics };
  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) {
      correct[n - 1] += smoothValue;
      total[n - 1] += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (options.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (method === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]);
      } else if (method === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1];
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]) / total[n - 1];
    }
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) logSum += myLog(precisions[n]);
  return { score: brevityPenalty * Math.exp(logSum / effOrder), precisions, brevityPenalty, statistics };
}

/** Sums segment statistics into corpus statistics. */
export function sumBleuStatistics(segments: readonly BleuStatistics[], maxOrder = 4): BleuStatistics {
  const sum: BleuStatistics = { hypLen: 0, refLen: 0, correct: new Array(maxOrder).fill(0), total: new Array(maxOrder).fill(0) };
  for (const s of segments) {
    sum.hypLen += s.hypLen;
    sum.refLen += s.refLen;
    for (let n = 0; n < maxOrder; n++) {
      sum.correct[n] += s.correct[n];
      sum.total[n] += s.total[n];
    }
  }
  return sum;
}

/** `sacrebleu.sentence_bleu`: effective order on unless `effectiveOrder: false`. */
export function sentenceBleu(hypothesis: string, references: readonly string[], options: BleuOptions = {}): BleuScore {
  const effective = { ...options, effectiveOrder: options.effectiveOrder ?? true };
  return computeBleu(bleuSegmentStatistics(hypothesis, references, effective), effective);
}

/**
 * `sacrebleu.corpus_bleu(hypotheses, referenceStreams)`: statistics summed over the corpus, then
 * one score. `referenceStreams[k][i]` is the k-th reference of hypothesis i (empty = none).
 */
export function corpusBleu(hypotheses: readonly string[], referenceStreams: readonly (readonly string[])[], options: BleuOptions = {}): BleuScore {
  const segments = hypotheses.map((hypothesis, i) => bleuSegmentStatistics(hypothesis, referenceStreams.map((stream) => stream[i] ?? ''), options));
  return computeBleu(sumBleuStatistics(segments, options.maxOrder ?? 4), options);
}

/** The signature sacreBLEU prints, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3`; `nrefs` is `var` when it varies. */
export function bleuSignature(options: BleuOptions, nrefs: number | 'var'): string {
  const method = options.smoothing ?? 'exp';
  const defaultValue = SMOOTH_DEFAULTS[method];
  const smooth = defaultValue === null ? method : `${method}[${(options.smoothValue ?? defaultValue).toFixed(2)}]`;
  return `nrefs:${nrefs}|case:${options.lowercase ? 'lc' : 'mixed'}|eff:${options.effectiveOrder ? 'yes' : 'no'}|tok:${options.tokenize ?? '13a'}|smooth:${smooth}|version:${SACREBLEU_VERSION}`;
}

export const BleuConfigSchema = z.strictObject({
  tokenize: z.enum(BLEU_TOKENISERS).default('13a'),
  lowercase: z.boolean().default(false),
  smoothing: z.enum(BLEU_SMOOTHINGS).default('exp'),
  smoothValue: z.number().positive().optional(),
  maxOrder: z.number().int().min(1).max(8).default(4),
  /** Per-item (sentence) BLEU uses sacreBLEU's effective order by default, as `sacrebleu.sentence_bleu` does. */
  effectiveOrder: z.boolean().default(true),
  threshold: thresholdField,
});
export type BleuConfig = z.infer<typeof BleuConfigSchema>;

export const bleuMetric: EvalMetric<BleuConfig> = {
  name: 'bleu',
  description:
    'Sentence BLEU as sacreBLEU 2.x computes it (13a tokeniser, case-sensitive, exp smoothing, effective order by default) against all references, scaled to 0..1 (sacreBLEU score / 100); details carry the sacreBLEU score, precisions and signature. Higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: BleuConfigSchema,
  async score({ item, output }, config) {
    const references = usableReferences(referencesOf(item));
    if (references.length === 0) return metricError('the item has no reference');
    const bleu = computeBleu(bleuSegmentStatistics(output, references, config), config);
    return thresholdResult(bleu.score / 100, config.threshold, {
      bleu: bleu.score,
      precisions: bleu.precisions,
      brevityPenalty: bleu.brevityPenalty,
      // The sufficient statistics, so the run's corpus BLEU is computed from them (corpus-scores.ts).
      statistics: bleu.statistics,
      signature: bleuSignature(config, references.length),
      corpus: {
        kind: 'bleu',
        statistics: bleu.statistics,
        options: { tokenize: config.tokenize, lowercase: config.lowercase, smoothing: config.smoothing, smoothValue: config.smoothValue, maxOrder: config.maxOrder },
        nrefs: references.length,
      },
    });
  },
};
