// All-or-nothing import without holding the upload in memory: rows are parsed and validated as they
// arrive and written, normalised, to a spool file; only when every row is valid is the spool read
// back (still streaming) into one transaction. A slow client never holds the store's write lock.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { StewardError } from '../../errors/index.js';
import type { DatasetItem, Provenance } from '../dataset-item.js';
import { parseCsv } from './parse-csv.js';
import type { FieldOptions } from './item-fields.js';
import { parseJsonl, type ParsedRow } from './parse-jsonl.js';
import { type ByteSource, readLines } from './read-lines.js';

export const IMPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How many bad lines an error lists (the total is always reported). */
const LISTED_ERRORS = 100;

export interface SpooledImport {
  file: string;
  count: number;
  /** Reads the validated items back, in order. */
  items(): AsyncGenerator<DatasetItem>;
  remove(): void;
}

export interface SpoolOptions {
  format: ImportFormat;
  /** Directory for the spool file. */
  dir: string;
  /** Filled into items that lack their own. */
  provenance?: Provenance;
  /** Refuse uploads with more items than this. */
  maxItems?: number;
  /** Unknown fields: refused unless mapped or kept under metadata. */
  fields?: FieldOptions;
}

function rowsOf(source: ByteSource, format: ImportFormat, fields: FieldOptions | undefined): AsyncGenerator<ParsedRow> {
  return format === 'csv' ? parseCsv(source, fields) : parseJsonl(source, fields);
}

/**
 * Parses and validates an upload into a spool file.
 * @throws StewardError `DATASET_IMPORT_INVALID` listing every bad line (up to 100) when any row is bad;
 *   `DATASET_COLUMNS_MISSING` for a CSV without the columns needed.
 */
export async function spoolImport(source: ByteSource, options: SpoolOptions): Promise<SpooledImport> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, `import-${Date.now()}-${randomBytes(6).toString('hex')}.jsonl`);
  const out = createWriteStream(file);
  const remove = () => rmSync(file, { force: true });
  const errors: { line: number; message: string }[] = [];
  let errorCount = 0;
  let count = 0;
  const unknownFields = new Set<string>();
  try {
    for await (const row of rowsOf(source, options.format, options.fields)) {
      if ('error' in row) {
        errorCount++;
        for (const field of row.unknownFields ?? []) unknownFields.add(field);
        if (errors.length < LISTED_ERRORS) errors.push({ line: row.line, message: row.error });
        continue;
      }
      count++;
      if (options.maxItems !== undefined && count > options.maxItems) {
        throw new StewardError({ code: 'BODY_TOO_LARGE', message: `the upload has more than ${options.maxItems} items` });
      }
      if (errorCount > 0) continue;
      const item = options.provenance ? { ...row.item, provenance: { ...options.provenance, ...row.item.provenance } } : row.item;
      if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    remove();
    throw error;
  }
  if (errorCount > 0) {
    remove();
    const lines = errors.map((e) => e.line);
    throw new StewardError({
      // Unknown fields get their own code, so a client can offer --map or --keep-unknown.
      code: unknownFields.size > 0 ? 'DATASET_FIELD_UNKNOWN' : 'DATASET_IMPORT_INVALID',
      message: `${errorCount} line${errorCount > 1 ? 's are' : ' is'} not valid (line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', …' : ''}); nothing was imported. First: line ${errors[0].line}: ${errors[0].message}`,
      details: { errorCount, errors, ...(unknownFields.size > 0 ? { fields: [...unknownFields] } : {}) },
    });
  }
  if (count === 0) {
    remove();
    throw new StewardError({ code: 'DATASET_IMPORT_INVALID', message: 'the upload holds no items; nothing was imported', details: { errorCount: 0, errors: [] } });
  }
  return {
    file,
    count,
    async *items() {
      for await (const { text } of readLines(createReadStream(file))) if (text !== '') yield JSON.parse(text) as DatasetItem;
    },
    remove,
  };
}
