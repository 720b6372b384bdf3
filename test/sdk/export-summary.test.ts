// The SDK reads a partial dataset export's headers into a summary: what was written and, per missing
// field, what was left out — the CLI prints it as `wrote 2 items; skipped 1 … (1 without reference)`.
import { describe, expect, it } from 'vitest';
import { readExportSummary } from '../../packages/sdk/src/index.js';

describe('readExportSummary', () => {
  it('reads written, skipped and the reasons of a partial export', () => {
    const headers = new Headers({ 'x-steward-export-written': '2', 'x-steward-export-skipped': '3', 'x-steward-export-skipped-reasons': 'reference=1,chosen=2' });
    expect(readExportSummary(headers)).toEqual({ written: 2, skipped: 3, skippedFor: { reference: 1, chosen: 2 } });
  });

  it('says nothing was skipped, and leaves written unknown, when the headers are absent', () => {
    expect(readExportSummary(new Headers())).toEqual({ written: undefined, skipped: 0, skippedFor: {} });
  });
});
