// Gendered words of English and their counterparts: grammar, so a table. The pronouns `her`
// (him / his) and `his` (her / hers) are resolved in counterfactual-swap.ts from the next word.

/** Gendered nouns and titles, both directions. */
export const GENDER_TERMS: Readonly<Record<string, string>> = invert({
  man: 'woman',
  men: 'women',
  boy: 'girl',
  boys: 'girls',
  father: 'mother',
  fathers: 'mothers',
  dad: 'mom',
  daddy: 'mommy',
  son: 'daughter',
  sons: 'daughters',
  brother: 'sister',
  brothers: 'sisters',
  husband: 'wife',
  husbands: 'wives',
  boyfriend: 'girlfriend',
  uncle: 'aunt',
  nephew: 'niece',
  grandfather: 'grandmother',
  grandson: 'granddaughter',
  king: 'queen',
  prince: 'princess',
  gentleman: 'lady',
  gentlemen: 'ladies',
  sir: "ma'am",
  mr: 'ms',
  male: 'female',
  males: 'females',
  masculine: 'feminine',
  actor: 'actress',
  waiter: 'waitress',
  groom: 'bride',
  fiance: 'fiancee',
  guy: 'gal',
});

/** Pronouns with a single counterpart (`her` and `his` are handled apart). */
export const PRONOUNS: Readonly<Record<string, string>> = {
  he: 'she',
  she: 'he',
  him: 'her',
  hers: 'his',
  himself: 'herself',
  herself: 'himself',
};

/** Words after which `her`/`his` stand alone (→ him / hers), rather than before a noun (→ his / her). */
export const NOT_A_NOUN_AFTER_HER: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'to', 'for', 'with', 'in', 'on', 'at', 'by', 'from', 'of', 'about',
  'that', 'this', 'if', 'when', 'as', 'than', 'so', 'because', 'again', 'too', 'also', 'very', 'back',
  'up', 'down', 'out', 'off', 'away', 'later', 'now', 'then', 'there', 'here', 'yesterday', 'today',
  'tomorrow', 'is', 'was', 'will', 'would', 'can', 'could', 'should', 'had', 'has', 'have', 'did', 'do',
  'not', 'what', 'how', 'why', 'who', 'where', 'which', 'it', 'them', 'me', 'you', 'us', 'him', 'her',
]);

function invert(pairs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [a, b] of Object.entries(pairs)) {
    out[a] = b;
    out[b] ??= a;
  }
  return out;
}
