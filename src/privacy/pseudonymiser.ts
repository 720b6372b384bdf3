// Keyed pseudonyms: the same value and key always give the same short token, and without the key a
// token cannot be linked back to its value (HMAC-SHA256), so joins across records survive redaction.
import { createHmac } from 'node:crypto';
import { invalid } from '../errors/index.js';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_BYTES = 12;
const MIN_KEY_BYTES = 16;

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function keyBytes(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  if (bytes.length < MIN_KEY_BYTES) {
    throw invalid(`A pseudonymisation key needs at least ${MIN_KEY_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * A stable token for `value` under `key`: `prefix` + `_` + base32 of the first 12 bytes of
 * HMAC-SHA256(key, value) (96 bits, 20 characters).
 *
 * @example
 * pseudonymise('jane@example.com', process.env.STEWARD_PSEUDONYM_KEY!) // 'usr_k5q…'
 */
export function pseudonymise(value: string, key: string | Uint8Array, prefix = 'usr'): string {
  const digest = createHmac('sha256', keyBytes(key)).update(value, 'utf8').digest();
  return `${prefix}_${base32(digest.subarray(0, TOKEN_BYTES))}`;
}

/** Holds a pseudonymisation key so callers never pass it around. */
export class Pseudonymiser {
  readonly #key: Uint8Array;
  readonly #prefix: string;

  /** @throws StewardError `VALIDATION_FAILED` when the key is shorter than 16 bytes. */
  constructor(options: { key: string | Uint8Array; prefix?: string }) {
    this.#key = keyBytes(options.key);
    this.#prefix = options.prefix ?? 'usr';
  }

  /** The token for `value`, with the instance's prefix unless another is given. */
  pseudonymise(value: string, prefix: string = this.#prefix): string {
    return pseudonymise(value, this.#key, prefix);
  }
}
