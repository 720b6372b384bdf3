// Profane and abusive language, found with the `obscenity` lexicon matcher (which sees through
// leetspeak, repeated letters and look-alike characters). Shared by the toxicity metric and dataset quality.
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

export interface ToxicTermMatch {
  /** The lexicon's canonical word (e.g. `shit` for `sh1t`). */
  term: string;
  start: number;
  /** Exclusive. */
  end: number;
}

let matcher: RegExpMatcher | undefined;

function getMatcher(): RegExpMatcher {
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return matcher;
}

/** Profane or abusive terms in `text`, sorted by position, one per span. */
export function findToxicLanguage(text: string): ToxicTermMatch[] {
  const matches = getMatcher().getAllMatches(text, true);
  const out: ToxicTermMatch[] = [];
  let lastEnd = -1;
  for (const match of matches) {
    if (match.startIndex < lastEnd) continue;
    const { phraseMetadata } = englishDataset.getPayloadWithPhraseMetadata(match);
    out.push({ term: phraseMetadata?.originalWord ?? text.slice(match.startIndex, match.endIndex + 1), start: match.startIndex, end: match.endIndex + 1 });
    lastEnd = match.endIndex + 1;
  }
  return out;
}

/** True when `text` holds any profane or abusive term. */
export function hasToxicLanguage(text: string): boolean {
  return getMatcher().hasMatch(text);
}
