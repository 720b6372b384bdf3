// AES-256-GCM encryption of provider credentials under the master key. Every value gets its own
// random 12-byte IV; the 16-byte tag makes any change to the stored text detectable.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StewardError } from '../../errors/index.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  readonly #key: Buffer;
  /** Short SHA-256 fingerprint of the key, stored beside each value to tell which key sealed it. */
  readonly fingerprint: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new StewardError({ code: 'CONFIG_INVALID', message: 'the master key must be 32 bytes' });
    this.#key = Buffer.from(key);
    this.fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new StewardError({ code: 'SECRET_DECRYPT_FAILED', message: 'a stored secret is truncated' });
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new StewardError({ code: 'SECRET_DECRYPT_FAILED', cause });
    }
  }
}
