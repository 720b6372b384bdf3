// Identifiers: a short type prefix and a time-ordered random part, so ids sort by creation.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new id such as `key_01jd3k…`: 10 characters of millisecond time and 16 of randomness.
 * @example newId('trace')
 */
export function newId(prefix: string): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (const byte of bytes) tail += ALPHABET[byte & 31];
  return `${prefix}_${head}${tail}`;
}
