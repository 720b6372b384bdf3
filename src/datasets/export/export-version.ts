// Streams a version out in an export format: items are read page by page and written line by line,
// so exporting a large version needs no more memory than one page.
import type { Db } from '../../store/index.js';
import type { DatasetItem, DatasetSplit } from '../dataset-item.js';
import { streamItems } from '../dataset-repository.js';
import { CSV_COLUMNS, type ExportFormat, exportLine, missingForExport } from './export-formats.js';

export interface ExportOptions {
  split?: DatasetSplit;
}

/** The export as text chunks (CSV starts with its header). */
export async function* exportVersionLines(db: Db, versionId: string, format: ExportFormat, options: ExportOptions = {}): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  let buffer = '';
  for await (const { item } of streamItems(db, versionId, { split: options.split })) {
    const line = exportLine(item, format);
    if (line === undefined) continue;
    buffer += line;
    if (buffer.length > 64 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** What an export will write and skip: counted before the first byte is sent, so a client is told. */
export interface ExportPlan {
  written: number;
  skipped: number;
  /** Skipped items per field they lack, e.g. `{ reference: 3 }`. */
  missing: Record<string, number>;
}

/** Counts, by reading the version once, which items `format` can hold. */
export async function planExport(db: Db, versionId: string, format: ExportFormat, options: ExportOptions = {}): Promise<ExportPlan> {
  const plan: ExportPlan = { written: 0, skipped: 0, missing: {} };
  for await (const { item } of streamItems(db, versionId, { split: options.split })) {
    const missing = missingForExport(item, format);
    if (missing === undefined) plan.written++;
    else {
      plan.skipped++;
      plan.missing[missing] = (plan.missing[missing] ?? 0) + 1;
    }
  }
  return plan;
}

/** The items of a version, streamed (for training jobs and other in-process readers). */
export async function* versionItems(db: Db, versionId: string, options: ExportOptions = {}): AsyncGenerator<DatasetItem> {
  for await (const { item } of streamItems(db, versionId, { split: options.split })) yield item;
}
