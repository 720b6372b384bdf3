// What a dataset export's response headers say about it: how many items it wrote, and how many it
// left out because the format cannot hold them (per missing field), so a caller need not read
// Steward's header names itself.

export interface ExportSummary {
  /** Items written, or undefined when the server did not say. */
  written: number | undefined;
  skipped: number;
  /** Missing field → items skipped for it, e.g. `{ reference: 1 }`. */
  skippedFor: Record<string, number>;
}

/** Reads `x-steward-export-written`, `-skipped` and `-skipped-reasons` (`field=count,…`). */
export function readExportSummary(headers: Headers): ExportSummary {
  const written = headers.get('x-steward-export-written');
  const skippedFor: Record<string, number> = {};
  for (const pair of (headers.get('x-steward-export-skipped-reasons') ?? '').split(',').filter(Boolean)) {
    const [field, count] = pair.split('=');
    skippedFor[field] = Number(count);
  }
  return { written: written === null ? undefined : Number(written), skipped: Number(headers.get('x-steward-export-skipped') ?? 0), skippedFor };
}
