// Phone numbers in international form (+CC …) and common national layouts with separators. A bare
// run of digits is not a phone number: order ids, amounts and timestamps would drown the signal.
import type { PiiDetector } from '../pii-finding.js';
import { hasDigits, scanWithRegex } from './regex-scan.js';

const SEP = '[ .\\-]';
const PATTERNS = [
  // International: +CC then groups separated by spaces, dots, hyphens, optional (0) or (area).
  `\\+\\d{1,3}(?:${SEP}?\\(\\d{1,4}\\))?(?:${SEP}?\\d{1,5}){2,6}`,
  // 00 international prefix (Europe): 00 CC …
  `00\\d{1,3}(?:${SEP}\\d{1,5}){2,6}`,
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567
  `\\(\\d{3}\\)${SEP}?\\d{3}${SEP}\\d{4}`,
  `\\d{3}[.\\-]\\d{3}[.\\-]\\d{4}`,
  // French and similar: 06 12 34 56 78, 06.12.34.56.78
  `0\\d(?:[ .]\\d{2}){4}`,
  // UK and German style trunk prefix: 020 7946 0958, 0171 1234567, 030/1234567
  `0\\d{2,4}[ /\\-]\\d{3,4}[ \\-]?\\d{3,4}`,
];
const PHONE = new RegExp(`(?<![\\w+.\\-/])(?:${PATTERNS.join('|')})(?![\\w])(?![.\\-/]\\d)`, 'g');

function plausible(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits >= 8 && digits <= 15;
}

/** Phone numbers: `+44 20 7946 0958`, `(555) 123-4567`, `06 12 34 56 78`, `030/1234567`. */
export const phoneDetector: PiiDetector = {
  kind: 'phone',
  mayContain: (text) => hasDigits(text, 8),
  detect: (text) => scanWithRegex(text, PHONE, 'phone', plausible),
};
