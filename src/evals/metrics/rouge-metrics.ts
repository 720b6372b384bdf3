// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum exactly as Google's rouge-score 0.1.2 computes them
// (google-research/google-research rouge/rouge_scorer.py and tokenize.py, checked against its
// rouge_scorer_test.py): lower-case, every run of characters outside [a-z0-9] is a separator,
// optional Porter stemming of tokens longer than 3 characters (NLTK's stemmer, see
// porter-stemmer.ts), precision/recall/F1 per item, the best reference by F1 (`score_multi`).
import { z } from 'zod';
import { referencesOf } from '../../datasets/dataset-item.js';
import { thresholdField } from './config-fields.js';
import { type EvalMetric, metricError, thresholdResult } from './eval-metric.js';
import { porterStem } from './porter-stemmer.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;
export type RougeType = (typeof ROUGE_TYPES)[number];

/** rouge-score's `tokenize.tokenize(text, stemmer)`. */
export function rougeTokens(text: string, useStemmer = false): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/);
  const stemmed = useStemmer ? tokens.map((token) => (token.length > 3 ? porterStem(token) : token)) : tokens;
  return stemmed.filter((token) => /^[a-z0-9]+$/.test(token));
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N: clipped n-gram overlap; an empty side gives 0, never 1 (rouge-score divides by max(count, 1)). */
export function rougeN(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const targetNgrams = ngramCounts(target, n);
  const predictionNgrams = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [gram, count] of targetNgrams) overlap += Math.min(count, predictionNgrams.get(gram) ?? 0);
  let targetCount = 0;
  for (const count of targetNgrams.values()) targetCount += count;
  let predictionCount = 0;
  for (const count of predictionNgrams.values()) predictionCount += count;
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** The LCS dynamic-programming table (rows: reference, columns: candidate). */
function lcsTable(ref: readonly string[], can: readonly string[]): Uint32Array[] {
  const table = Array.from({ length: ref.length + 1 }, () => new Uint32Array(can.length + 1));
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      table[i][j] = ref[i - 1] === can[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table;
}

/** Length of the longest common subsequence, O(n·m) time and O(min(n, m)) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  let previous = new Uint32Array(short.length + 1);
  let current = new Uint32Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    for (let j = 1; j <= short.length; j++) {
      current[j] = long[i - 1] === short[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length];
}

/** ROUGE-L: LCS precision, recall and F1; 0 when either side has no token. */
export function rougeL(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one LCS, read back as rouge-score's `_backtrack_norec` does. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const table = lcsTable(ref, can);
  const indices: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (table[i][j - 1] > table[i - 1][j]) j--;
    else i--;
  }
  return indices.reverse();
}

/** ROUGE-Lsum: summary-level LCS over newline-separated sentences (union LCS, no double counting, as ROUGE-1.5.5). */
export function rougeLsum(targetSentences: readonly (readonly string[])[], predictionSentences: readonly (readonly string[])[]): RougeScore {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  if (targetSentences.length === 0 || predictionSentences.length === 0) return zero;
  const m = targetSentences.reduce((sum, s) => sum + s.length, 0);
  const n = predictionSentences.reduce((sum, s) => sum + s.length, 0);
  if (m === 0 || n === 0) return zero;
  const countsOf = (sentences: readonly (readonly string[])[]) => {
    const counts = new Map<string, number>();
    for (const sentence of sentences) for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  };
  const targetCounts = countsOf(targetSentences);
  const predictionCounts = countsOf(predictionSentences);
  let hits = 0;
  for (const ref of targetSentences) {
    const union = new Set<number>();
    for (const can of predictionSentences) for (const index of lcsIndices(ref, can)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index];
      if ((predictionCounts.get(token) ?? 0) > 0 && (targetCounts.get(token) ?? 0) > 0) {
        hits++;
        predictionCounts.set(token, (predictionCounts.get(token) ?? 0) - 1);
        targetCounts.set(token, (targetCounts.get(token) ?? 0) - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rouge-score's `RougeScorer([type], use_stemmer).score(target, prediction)[type]`. */
export function rougeScore(type: RougeType, target: string, prediction: string, useStemmer = false): RougeScore {
  switch (type) {
    case 'rouge1':
      return rougeN(rougeTokens(target, useStemmer), rougeTokens(prediction, useStemmer), 1);
    case 'rouge2':
      return rougeN(rougeTokens(target, useStemmer), rougeTokens(prediction, useStemmer), 2);
    case 'rougeL':
      return rougeL(rougeTokens(target, useStemmer), rougeTokens(prediction, useStemmer));
    case 'rougeLsum': {
      // Sentences are the non-empty lines, as rouge-score assumes.
      const sentences = (text: string) => text.split('\n').filter((line) => line.length > 0).map((line) => rougeTokens(line, useStemmer));
      return rougeLsum(sentences(target), sentences(prediction));
    }
  }
}

export const ROUGE_MEASURES = ['fmeasure', 'precision', 'recall'] as const;

export const RougeConfigSchema = z.strictObject({
  /** Porter-stem tokens longer than 3 characters (rouge-score's `use_stemmer`). */
  useStemmer: z.boolean().default(false),
  /** Which of precision, recall and F1 is the item's score (all three are in the details). */
  measure: z.enum(ROUGE_MEASURES).default('fmeasure'),
  threshold: thresholdField,
});
export type RougeConfig = z.infer<typeof RougeConfigSchema>;

function rougeMetric(name: string, type: RougeType, what: string): EvalMetric<RougeConfig> {
  return {
    name,
    description: `${what} as Google's rouge-score 0.1.2 computes it (its tokeniser, optional Porter stemmer), against the best reference by F1; score is the configured measure (F1 by default), details carry precision, recall and F1. 0..1; higher is better.`,
    higherIsBetter: true,
    range: [0, 1],
    configSchema: RougeConfigSchema,
    async score({ item, output }, config) {
      const references = referencesOf(item);
      if (references.length === 0) return metricError('the item has no reference');
      // score_multi: the reference with the highest F1 (the first on a tie).
      let best = rougeScore(type, references[0], output, config.useStemmer);
      for (const reference of references.slice(1)) {
        const score = rougeScore(type, reference, output, config.useStemmer);
        if (score.fmeasure > best.fmeasure) best = score;
      }
      return thresholdResult(best[config.measure], config.threshold, { ...best });
    },
  };
}

export const rouge1Metric = rougeMetric('rouge_1', 'rouge1', 'ROUGE-1 (unigram overlap)');
export const rouge2Metric = rougeMetric('rouge_2', 'rouge2', 'ROUGE-2 (bigram overlap)');
export const rougeLMetric = rougeMetric('rouge_l', 'rougeL', 'ROUGE-L (longest common subsequence)');
export const rougeLsumMetric = rougeMetric('rouge_lsum', 'rougeLsum', 'ROUGE-Lsum (summary-level LCS over newline-separated sentences)');
