// Corpus-level BLEU and chrF of a run, as sacreBLEU's corpus_bleu / corpus_chrf compute them: the
// items' sufficient statistics summed, then one score (not the mean of sentence scores). Each
// item's details carry its contribution under `corpus`; the run summary calls corpusScore on them.
import { type BleuOptions, type BleuStatistics, bleuSignature, computeBleu, sumBleuStatistics } from './bleu-metric.js';
import { type ChrfOptions, chrfFromStatistics, chrfSignature } from './chrf-metric.js';

export type CorpusContribution =
  | { kind: 'bleu'; statistics: BleuStatistics; options: BleuOptions; nrefs: number }
  | { kind: 'chrf'; statistics: number[]; options: ChrfOptions; nrefs: number };

export interface CorpusScore {
  /** On the items' 0..1 scale. */
  score: number;
  /** On sacreBLEU's 0–100 scale, as sacreBLEU prints it. */
  sacrebleu: number;
  signature: string;
}

function isContribution(value: unknown): value is CorpusContribution {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (v.kind === 'bleu' || v.kind === 'chrf') && typeof v.statistics === 'object' && v.statistics !== null && typeof v.nrefs === 'number';
}

/**
 * The corpus score of the items' contributions, or null when there are none or they are not all
 * of one kind and configuration (then only the mean of item scores is meaningful).
 */
export function corpusScore(contributions: readonly unknown[]): CorpusScore | null {
  if (contributions.length === 0 || !contributions.every(isContribution)) return null;
  const all = contributions as CorpusContribution[];
  const first = all[0];
  const options = JSON.stringify(first.options);
  if (!all.every((c) => c.kind === first.kind && JSON.stringify(c.options) === options)) return null;
  const nrefs = all.every((c) => c.nrefs === first.nrefs) ? first.nrefs : 'var';
  if (first.kind === 'bleu') {
    // sacreBLEU's corpus BLEU: effective order off, whatever the sentence scores used.
    const corpusOptions = { ...first.options, effectiveOrder: false };
    const stats = all.map((c) => c.statistics as BleuStatistics);
    const bleu = computeBleu(sumBleuStatistics(stats, first.options.maxOrder ?? 4), corpusOptions);
    return { score: bleu.score / 100, sacrebleu: bleu.score, signature: bleuSignature(corpusOptions, nrefs) };
  }
  const length = (first.statistics as number[]).length;
  const sum = new Array<number>(length).fill(0);
  for (const c of all) {
    (c.statistics as number[]).forEach((value, i) => {
      sum[i] += value;
    });
  }
  const chrf = chrfFromStatistics(sum, first.options as ChrfOptions);
  return { score: chrf / 100, sacrebleu: chrf, signature: chrfSignature(first.options as ChrfOptions, nrefs) };
}
