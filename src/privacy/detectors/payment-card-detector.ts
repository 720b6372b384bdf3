// Payment card numbers (PAN): 13–19 digits, contiguous or in groups, with a known issuer prefix
// and a valid Luhn check digit, so that random digit runs are not flagged.
import type { PiiDetector } from '../pii-finding.js';
import { hasDigits, scanWithRegex } from './regex-scan.js';

const CARD = new RegExp(
  [
    '(?<![\\d\\-])(?:',
    '\\d{4}([ \\-])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?', // 4-4-4-4(-3)
    '|\\d{4}([ \\-])\\d{6}\\2\\d{4,5}', // Amex and Diners 4-6-5 / 4-6-4
    '|\\d{13,19}',
    ')(?![\\d])(?!-\\d)',
  ].join(''),
  'g',
);

/** True when `digits` passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

// Issuer prefixes in use (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro).
const ISSUER = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6011|65|64[4-9]|35|30[0-5]|36|38|62|5018|5020|5038|6304|67)/;

function isCard(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  return ISSUER.test(digits) && luhnValid(digits);
}

/** Payment card numbers such as `4111 1111 1111 1111` (Luhn-checked). */
export const paymentCardDetector: PiiDetector = {
  kind: 'payment_card',
  mayContain: (text) => hasDigits(text, 13),
  detect: (text) => scanWithRegex(text, CARD, 'payment_card', isCard),
};
