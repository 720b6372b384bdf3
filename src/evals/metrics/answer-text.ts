// Text normalisation shared by the reference-based metrics: the answer normalisation of the
// official SQuAD v2.0 evaluation script (evaluate-v2.0.py) for exact match and token F1, and a
// Unicode-aware variant (MLQA's, facebookresearch/MLQA mlqa_evaluation_v1.py).
import { pythonSplit } from './python-text.js';

/** Python's `string.punctuation`: the 32 ASCII punctuation and symbol characters the SQuAD script deletes. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** MLQA's set: every Unicode punctuation character (categories P*) plus `string.punctuation`. */
const UNICODE_PUNCTUATION = /[\p{P}!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu;
/**
 * `\b(a|an|the)\b` as Python 3's `re` reads it: a word character is any Unicode letter, digit
 * or `_`, so the "an" of "Anémone" is not a word (JavaScript's ASCII `\b` would say it is).
 */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** Which punctuation {@link normaliseAnswer} deletes. */
export type PunctuationSet = 'ascii' | 'unicode';

export interface NormaliseOptions {
  caseSensitive?: boolean;
  /** Delete punctuation (not replace it with a space: `don't` → `dont`, `U.S.` → `us`, as SQuAD does). */
  stripPunctuation?: boolean;
  /** `ascii` (default): Python's `string.punctuation`, as the SQuAD script; `unicode`: also every Unicode P* character. */
  punctuation?: PunctuationSet;
  removeArticles?: boolean;
  /** Trim and collapse runs of whitespace (default true). */
  collapseWhitespace?: boolean;
}

/** Normalises an answer for comparison, in the SQuAD script's order: lower, punctuation, articles, whitespace. */
export function normaliseAnswer(text: string, options: NormaliseOptions = {}): string {
  let out = options.caseSensitive ? text : text.toLowerCase();
  if (options.stripPunctuation) out = out.replace(options.punctuation === 'unicode' ? UNICODE_PUNCTUATION : ASCII_PUNCTUATION, '');
  if (options.removeArticles) out = out.replace(ARTICLES, ' ');
  if (options.collapseWhitespace ?? true) out = pythonSplit(out).join(' ');
  return out;
}

/** The SQuAD normalisations: `squad` is evaluate-v2.0.py's `normalize_answer`; `squad_unicode` deletes Unicode punctuation too. */
export const SQUAD_NORMALISATIONS = ['squad', 'squad_unicode'] as const;
export type SquadNormalisation = (typeof SQUAD_NORMALISATIONS)[number];

/** `normalize_answer` of the SQuAD v2.0 script (lower case, no punctuation, no articles, single spaces). */
export function squadNormalise(text: string, variant: SquadNormalisation = 'squad'): string {
  return normaliseAnswer(text, { stripPunctuation: true, punctuation: variant === 'squad' ? 'ascii' : 'unicode', removeArticles: true });
}

/** `get_tokens` of the SQuAD v2.0 script: the normalised answer split on whitespace. */
export function squadTokens(text: string, variant: SquadNormalisation = 'squad'): string[] {
  return pythonSplit(squadNormalise(text, variant));
}

/**
 * The gold answers the SQuAD v2.0 script scores against: references that normalise to nothing are
 * dropped, and an item left with none is scored against the empty answer (a no-answer question).
 */
export function squadGoldAnswers(references: readonly string[], variant: SquadNormalisation = 'squad'): string[] {
  const gold = references.filter((reference) => squadNormalise(reference, variant) !== '');
  return gold.length > 0 ? gold : [''];
}

/** Counts of each n-gram (joined with a space) of `tokens`. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Strips a Markdown code fence (```json … ```) around a model's answer, if there is one. */
export function stripCodeFence(text: string): string {
  const fenced = /```[\w-]*\s*\n?([\s\S]*?)```/.exec(text);
  return fenced === null ? text.trim() : fenced[1].trim();
}
