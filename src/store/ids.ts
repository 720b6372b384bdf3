// Identifiers: a short type prefix and a time-ordered random part, so ids sort by creation.
// Within one millisecond (or when the clock steps back) the random part is incremented instead of
// redrawn, as ULID's monotonic mode does, so ids made in a tight loop still sort in creation order.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_DIGITS = 10;
const RANDOM_DIGITS = 16;

export interface IdGeneratorOptions {
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** `n` random bytes (default `crypto.randomBytes`). */
  random?: (n: number) => Uint8Array;
}

/** A generator of monotonic ids; `newId` is the process-wide one. */
export function createIdGenerator(options: IdGeneratorOptions = {}): (prefix: string) => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? randomBytes;
  let lastTime = -1;
  let digits: number[] = [];
  return (prefix) => {
    let time = now();
    if (time > lastTime) {
      lastTime = time;
      digits = Array.from(random(RANDOM_DIGITS), (byte) => byte & 31);
    } else {
      time = lastTime;
      // Increment the random part as a base-32 number; on overflow the time part takes the carry.
      let i = RANDOM_DIGITS - 1;
      while (i >= 0 && digits[i] === 31) digits[i--] = 0;
      if (i >= 0) digits[i] = (digits[i] ?? 0) + 1;
      else time = ++lastTime;
    }
    let head = '';
    for (let i = 0; i < TIME_DIGITS; i++) {
      head = ALPHABET[time % 32] + head;
      time = Math.floor(time / 32);
    }
    let tail = '';
    for (const digit of digits) tail += ALPHABET[digit];
    return `${prefix}_${head}${tail}`;
  };
}

/**
 * A new id such as `key_01jd3k…`: 10 characters of millisecond time and 16 of randomness,
 * strictly increasing within this process.
 * @example newId('trace')
 */
export const newId: (prefix: string) => string = createIdGenerator();
