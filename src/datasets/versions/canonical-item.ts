// The canonical form of an item and its hash: keys sorted at every level, undefined dropped, so the
// same content always hashes the same however it was written.
import { createHash } from 'node:crypto';
import type { DatasetItem } from '../dataset-item.js';

/** JSON text with keys sorted at every level and undefined values left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the item's canonical JSON (id, split, metadata and provenance included). */
export function itemHash(item: DatasetItem): string {
  return sha256(canonicalJson(item));
}

/**
 * The item with an id: its own, or one derived from its content (`item-` and 16 hex characters), so
 * that re-importing the same content gives the same ids and the same version hash.
 */
export function withItemId(item: DatasetItem): DatasetItem {
  if (item.id !== undefined) return item;
  return { ...item, id: `item-${sha256(canonicalJson(item)).slice(0, 16)}` };
}
