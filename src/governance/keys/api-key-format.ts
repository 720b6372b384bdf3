// What an API key looks like and how it is stored: `sk-stw-` and 32 random bytes in base64url;
// only its SHA-256 and its first characters are kept.
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'sk-stw-';
const SHOWN_CHARACTERS = 12;

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part of a key shown in listings, e.g. `sk-stw-Ab3d…`. */
export function keyPrefix(key: string): string {
  return key.slice(0, SHOWN_CHARACTERS);
}
