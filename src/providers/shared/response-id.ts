// Identifiers and timestamps for responses Steward builds itself from another family's answer.
import { randomUUID } from 'node:crypto';

/** A new id with an OpenAI-style prefix, such as `chatcmpl-…` or `call_…`. */
export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '')}`;
}

/** Unix seconds, as OpenAI's `created`. */
export function unixSeconds(date: number = Date.now()): number {
  return Math.floor(date / 1000);
}
