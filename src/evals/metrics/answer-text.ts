// Text normalisation and tokenisation shared by the reference-based metrics (SQuAD's answer
// normalisation for exact match and token F1; a 13a-like tokeniser for BLEU and ROUGE).

const PUNCTUATION = /[\p{P}\p{S}]/gu;
const ARTICLES = /\b(?:a|an|the)\b/g;
const WHITESPACE = /\s+/g;

export interface NormaliseOptions {
  caseSensitive?: boolean;
  stripPunctuation?: boolean;
  removeArticles?: boolean;
  /** Trim and collapse runs of whitespace (default true). */
  collapseWhitespace?: boolean;
}

/** Normalises an answer for comparison. */
export function normaliseAnswer(text: string, options: NormaliseOptions = {}): string {
  let out = options.caseSensitive ? text : text.toLowerCase();
  if (options.stripPunctuation) out = out.replace(PUNCTUATION, ' ');
  if (options.removeArticles) out = out.replace(ARTICLES, ' ');
  if (options.collapseWhitespace ?? true) out = out.replace(WHITESPACE, ' ').trim();
  return out;
}

/** SQuAD's normalisation: lower case, no punctuation, no articles, single spaces. */
export function squadNormalise(text: string): string {
  return normaliseAnswer(text, { stripPunctuation: true, removeArticles: true });
}

/** SQuAD tokens: the normalised answer split on spaces. */
export function squadTokens(text: string): string[] {
  const normal = squadNormalise(text);
  return normal === '' ? [] : normal.split(' ');
}

/** Word tokens with punctuation split off (like sacreBLEU's 13a tokeniser), optionally lower-cased. */
export function wordTokens(text: string, lowercase: boolean): string[] {
  const spaced = (lowercase ? text.toLowerCase() : text).replace(/([\p{P}\p{S}])/gu, ' $1 ').trim();
  return spaced === '' ? [] : spaced.split(WHITESPACE);
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
