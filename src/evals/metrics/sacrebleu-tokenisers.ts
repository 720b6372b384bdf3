// The tokenisers of sacreBLEU 2.x (mjpost/sacrebleu, sacrebleu/tokenizers/): `13a` (mteval-v13a,
// the WMT default), `intl` (mteval-v14 international), `char` and `none`. Each maps a line to
// space-separated tokens exactly as the Python original does, so BLEU counts the same n-grams.
import { pythonSplit } from './python-text.js';

export const BLEU_TOKENISERS = ['13a', 'intl', 'char', 'none'] as const;
export type BleuTokeniser = (typeof BLEU_TOKENISERS)[number];

// tokenizer_re.TokenizerRegexp, the language-dependent part of 13a (assuming Western languages).
const SPLIT_SYMBOLS = /([{-~[-` -&(-+:-@/])/gu; // { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
const PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/gu;
const PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/gu;
const DASH_AFTER_DIGIT = /([0-9])(-)/gu;

/** sacreBLEU's `13a`: unescape a few entities, split symbols, and periods or commas unless they sit in a number. */
export function tokenise13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  text = ` ${text} `
    .replace(SPLIT_SYMBOLS, ' $1 ')
    .replace(PERIOD_COMMA_AFTER_NON_DIGIT, '$1 $2 ')
    .replace(PERIOD_COMMA_BEFORE_NON_DIGIT, ' $1 $2')
    .replace(DASH_AFTER_DIGIT, '$1 $2 ');
  return pythonSplit(text).join(' ');
}

const PUNCT_AFTER_NON_NUMBER = /(\P{N})(\p{P})/gu;
const PUNCT_BEFORE_NON_NUMBER = /(\p{P})(\P{N})/gu;
const SYMBOL = /(\p{S})/gu;

/** sacreBLEU's `intl` (mteval-v14 international): split Unicode punctuation not between digits, and every symbol. */
export function tokeniseIntl(line: string): string {
  const text = line.replace(PUNCT_AFTER_NON_NUMBER, '$1 $2 ').replace(PUNCT_BEFORE_NON_NUMBER, ' $1 $2').replace(SYMBOL, ' $1 ');
  return pythonSplit(text).join(' ');
}

/** sacreBLEU's `char`: every character (code point) is a token. */
export function tokeniseChar(line: string): string {
  return Array.from(line).join(' ');
}

/** Applies a sacreBLEU tokeniser by name. */
export function sacrebleuTokenise(line: string, tokeniser: BleuTokeniser): string {
  switch (tokeniser) {
    case '13a':
      return tokenise13a(line);
    case 'intl':
      return tokeniseIntl(line);
    case 'char':
      return tokeniseChar(line);
    case 'none':
      return line;
  }
}
