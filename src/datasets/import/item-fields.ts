// Which top-level fields an imported row may have, and what to do with the others. Strict by
// default: an unknown field is an error naming it (a file that says `expected` where Steward reads
// `reference` must not import as items without references). `map` renames fields of other
// people's files (`expected` → `reference`, or `topic` → `metadata.topic`); `keepUnknown` moves
// every other unknown field under `metadata`.
import { ExampleItemSchema, PreferenceItemSchema } from '../dataset-item.js';

/** What an import does with fields a dataset item does not have. */
export interface FieldOptions {
  /** Move unknown fields under `metadata` instead of refusing the row. */
  keepUnknown?: boolean;
  /** Field renames applied first: `{ expected: 'reference', topic: 'metadata.topic' }`. */
  map?: Readonly<Record<string, string>>;
}

/** Fields an import row may carry besides the item's own: OpenAI fine-tuning rows' `messages`. */
const ROW_ONLY_FIELDS = ['messages'] as const;

/** The item's top-level fields, read from its schemas (so a field added there is known here). */
export function itemFields(): string[] {
  return [...new Set([...Object.keys(ExampleItemSchema.shape), ...Object.keys(PreferenceItemSchema.shape), ...ROW_ONLY_FIELDS])];
}

export type FieldOutcome = { value: Record<string, unknown> } | { unknown: string[] };

/** Applies the mapping, then refuses (or keeps under metadata) what is still unknown. */
export function applyFieldOptions(row: Record<string, unknown>, options: FieldOptions = {}): FieldOutcome {
  const known = new Set(itemFields());
  let value: Record<string, unknown> = row;
  const map = options.map ?? {};
  if (Object.keys(map).length > 0) {
    value = {};
    const metadata: Record<string, unknown> = isRecord(row.metadata) ? { ...row.metadata } : {};
    for (const [key, field] of Object.entries(row)) {
      const target = Object.hasOwn(map, key) ? map[key] : key;
      if (target.startsWith('metadata.')) metadata[target.slice('metadata.'.length)] = field;
      else if (key !== 'metadata') value[target] = field;
    }
    if (Object.keys(metadata).length > 0 || row.metadata !== undefined) value.metadata = metadata;
  }
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length === 0) return { value };
  if (!options.keepUnknown) return { unknown };
  const kept: Record<string, unknown> = isRecord(value.metadata) ? { ...value.metadata } : {};
  const rest: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (known.has(key)) rest[key] = field;
    else kept[key] = field;
  }
  return { value: { ...rest, metadata: kept } };
}

/** The message for a row with unknown fields. */
export function unknownFieldsMessage(fields: readonly string[]): string {
  const names = fields.map((f) => `"${f}"`).join(', ');
  const hint = fields.length === 1 ? `map it (--map ${fields[0]}=reference, or map=${fields[0]}=<field> in the API)` : 'map them (--map from=to)';
  return `unknown field${fields.length > 1 ? 's' : ''} ${names} (an item has ${itemFields().join(', ')}); ${hint}, or keep unknown fields under metadata (--keep-unknown)`;
}

/** Parses `from=to` pairs (CLI flags and query parameters). */
export function parseFieldMap(pairs: readonly string[]): Record<string, string> | string {
  const map: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(','))) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const from = pair.slice(0, at).trim();
    const to = pair.slice(at + 1).trim();
    if (at <= 0 || from === '' || to === '') return `cannot read the field mapping "${pair}": expected from=to, e.g. expected=reference`;
    map[from] = to;
  }
  return map;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
