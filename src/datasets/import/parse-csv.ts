// CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) to dataset items, streamed
// record by record. Columns: `input` (required), `reference`, `chosen` and `rejected` (a preference),
// `split`, `id`, `kind`, `metadata` (a JSON object); any other column is refused by name unless it
// is mapped (`map`, e.g. expected → reference or topic → metadata.topic) or kept under metadata
// (`keepUnknown`). A cell exported with a leading `'` against formula injection is read back without it.
import { StewardError } from '../../errors/index.js';
import { parseDatasetItem } from '../dataset-item.js';
import { type FieldOptions, unknownFieldsMessage } from './item-fields.js';
import type { ParsedRow } from './parse-jsonl.js';
import { type ByteSource, toReadable } from './read-lines.js';

const KNOWN = ['input', 'reference', 'chosen', 'rejected', 'split', 'id'] as const;

/** A cell holding a JSON array of chat messages (as exported) is read back as messages. */
function inputCell(cell: string): unknown {
  if (!cell.startsWith('[')) return cell;
  try {
    const value: unknown = JSON.parse(cell);
    return Array.isArray(value) && value.every((m) => m !== null && typeof m === 'object' && 'role' in m) ? value : cell;
  } catch {
    return cell;
  }
}

function metadataCell(cell: string): Record<string, unknown> | undefined {
  if (cell === '') return undefined;
  try {
    const value: unknown = JSON.parse(cell);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: kept as text below
  }
  return { metadata: cell };
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Yields records with the line each starts on. */
export async function* readCsvRecords(source: ByteSource): AsyncGenerator<CsvRecord> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCr = false;
  let first = true;
  for await (const chunk of toReadable(source)) {
    let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at a chunk boundary: decide on the next chunk.
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (afterQuote && c === '"') {
        // The doubled quote straddled a chunk boundary.
        field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && field === '') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        fields.push(field);
        yield { line: recordLine, fields };
        fields = [];
        field = '';
        line++;
        recordLine = line;
        if (c === '\r') pendingCr = true;
      } else field += c;
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}

/** Undoes the export's formula escape: `'=x` → `=x`, `''=x` → `'=x` (see csvCell). */
export function unescapeFormulaCell(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Parses a CSV stream into items; a header without `input`, or with an unknown column, is refused before any row is read. */
export async function* parseCsv(source: ByteSource, options: FieldOptions = {}): AsyncGenerator<ParsedRow> {
  let header: string[] | undefined;
  for await (const raw of readCsvRecords(source)) {
    const record = header === undefined ? raw : { line: raw.line, fields: raw.fields.map(unescapeFormulaCell) };
    if (header === undefined) {
      const map = options.map ?? {};
      header = record.fields.map((name) => name.trim()).map((name) => (Object.hasOwn(map, name) ? map[name] : name));
      const missing = header.includes('input') ? [] : ['input'];
      if (header.includes('chosen') !== header.includes('rejected')) missing.push(header.includes('chosen') ? 'rejected' : 'chosen');
      if (missing.length > 0) {
        throw new StewardError({
          code: 'DATASET_COLUMNS_MISSING',
          message: `the CSV header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.join(', ') || 'none'}); expected input, and optionally reference, chosen and rejected, split, id, kind, metadata or metadata.<key>`,
          details: { missing, found: header },
        });
      }
      const unknown = header.filter((name) => name !== '' && name !== 'metadata' && name !== 'kind' && !name.startsWith('metadata.') && !(KNOWN as readonly string[]).includes(name));
      if (unknown.length > 0 && !options.keepUnknown) {
        throw new StewardError({ code: 'DATASET_FIELD_UNKNOWN', message: `line ${record.line} (the header): ${unknownFieldsMessage(unknown)}`, details: { fields: unknown, errors: [{ line: record.line, message: unknownFieldsMessage(unknown) }] } });
      }
      continue;
    }
    if (record.fields.length === 1 && record.fields[0] === '') continue;
    if (record.fields.length !== header.length) {
      yield { line: record.line, error: `expected ${header.length} fields, found ${record.fields.length}` };
      continue;
    }
    const value: Record<string, unknown> = {};
    let metadata: Record<string, unknown> = {};
    header.forEach((name, index) => {
      const cell = record.fields[index];
      if (name === 'input') value.input = inputCell(cell);
      else if (name === 'metadata') metadata = { ...metadata, ...metadataCell(cell) };
      else if (name === 'kind') return;
      else if (name.startsWith('metadata.')) metadata[name.slice('metadata.'.length)] = cell;
      else if ((KNOWN as readonly string[]).includes(name)) {
        if (cell !== '') value[name] = cell;
      } else if (name !== '') metadata[name] = cell;
    });
    if (Object.keys(metadata).length > 0) value.metadata = metadata;
    try {
      yield { line: record.line, item: parseDatasetItem(value) };
    } catch (error) {
      yield { line: record.line, error: error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error) };
    }
  }
  if (header === undefined) {
    throw new StewardError({ code: 'DATASET_COLUMNS_MISSING', message: 'the CSV is empty: expected a header line with an input column', details: { missing: ['input'], found: [] } });
  }
}
