// The local trace journal: append-only segment files in `<dataDir>/trace-journal/`, one `write` per
// record, so a record is in the kernel's page cache before the response that announced its trace id
// is sent — a killed process loses nothing it acknowledged. `fsync` decides what a machine crash
// (power loss, kernel panic) may still lose: `always` nothing, `interval` the last interval, `off`
// whatever the kernel had not written back (typically up to 30 s).
// The writer seals the open segment, stores sealed segments and deletes each one only after its rows
// are committed. A line that cannot be read (torn by a crash, not JSON, an unknown version) is moved
// to `quarantine.jsonl` with its segment, byte offset and reason, and the rest of the segment goes on.
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';

export type FsyncPolicy = 'always' | 'interval' | 'off';

/** The version of a journal line's shape: `{"v":1,"row":{…}}`. */
export const JOURNAL_VERSION = 1;
export const JOURNAL_DIR = 'trace-journal';
export const QUARANTINE_FILE = 'quarantine.jsonl';
/** The single-file spill journal of earlier versions; moved into the segment directory at start. */
export const LEGACY_JOURNAL_FILE = 'trace-journal.jsonl';

export interface JournalOptions {
  dataDir: string;
  fsync?: FsyncPolicy;
  fsyncIntervalMs?: number;
}

export interface BadLine {
  offset: number;
  reason: string;
  text: string;
}

export interface SegmentContents {
  /** Parsed payloads (`row` of version-1 lines, whole objects of legacy lines). */
  rows: Record<string, unknown>[];
  bad: BadLine[];
}

const SEGMENT = /^seg-(\d{16})(-[\w.-]+)?\.jsonl$/;

function segmentName(seq: number, suffix = ''): string {
  return `seg-${String(seq).padStart(16, '0')}${suffix}.jsonl`;
}

export class TraceJournal {
  readonly dir: string;
  readonly #fsync: FsyncPolicy;
  #seq: number;
  #fd: number | undefined;
  #current: string | undefined;
  #currentBytes = 0;
  #currentRecords = 0;
  #unsynced = false;
  #backlogBytes = 0;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(options: JournalOptions) {
    this.dir = join(options.dataDir, JOURNAL_DIR);
    mkdirSync(this.dir, { recursive: true });
    this.#fsync = options.fsync ?? 'interval';
    this.#adoptLegacy(options.dataDir);
    let max = 0;
    for (const name of readdirSync(this.dir)) {
      const match = SEGMENT.exec(name);
      if (!match) continue;
      max = Math.max(max, Number(match[1]));
      this.#backlogBytes += statSync(join(this.dir, name)).size;
    }
    this.#seq = max;
    if (this.#fsync === 'interval') {
      this.#timer = setInterval(() => this.sync(), options.fsyncIntervalMs ?? 1_000);
      this.#timer.unref();
    }
  }

  /** Bytes in segments not yet stored (sealed and open). */
  get backlogBytes(): number {
    return this.#backlogBytes;
  }

  /** Records and bytes in the open segment. */
  get openRecords(): number {
    return this.#currentRecords;
  }

  get openBytes(): number {
    return this.#currentBytes;
  }

  /** Appends one record with a single write; synchronous so it completes before the caller answers. */
  append(row: unknown): void {
    const line = `${JSON.stringify({ v: JOURNAL_VERSION, row })}\n`;
    if (this.#fd === undefined) this.#open();
    const bytes = Buffer.byteLength(line);
    writeSync(this.#fd as number, line);
    this.#currentBytes += bytes;
    this.#backlogBytes += bytes;
    this.#currentRecords += 1;
    if (this.#fsync === 'always') fdatasyncSync(this.#fd as number);
    else this.#unsynced = true;
  }

  /** Closes the open segment so the writer may store it (a new one opens on the next append); returns its path. */
  sealOpen(): string | undefined {
    if (this.#fd === undefined) return undefined;
    const path = this.#current;
    if (this.#fsync !== 'off') fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = undefined;
    this.#current = undefined;
    this.#currentBytes = 0;
    this.#currentRecords = 0;
    this.#unsynced = false;
    return path;
  }

  /** Sealed segments, oldest first. */
  sealed(): string[] {
    return readdirSync(this.dir)
      .filter((name) => SEGMENT.test(name) && join(this.dir, name) !== this.#current)
      .sort()
      .map((name) => join(this.dir, name));
  }

  /** Reads a sealed segment; unreadable lines are returned as bad, never thrown. */
  read(path: string): SegmentContents {
    const buffer = readFileSync(path);
    const rows: Record<string, unknown>[] = [];
    const bad: BadLine[] = [];
    let start = 0;
    while (start < buffer.length) {
      let end = buffer.indexOf(0x0a, start);
      const torn = end === -1;
      if (torn) end = buffer.length;
      const text = buffer.subarray(start, end).toString('utf8');
      if (text.trim() !== '') {
        const parsed = parseLine(text, torn);
        if ('row' in parsed) rows.push(parsed.row);
        else bad.push({ offset: start, reason: parsed.reason, text });
      }
      start = end + 1;
    }
    return { rows, bad };
  }

  /** Appends bad lines to the quarantine file with where they came from and why. */
  quarantine(path: string, bad: readonly BadLine[]): void {
    if (bad.length === 0) return;
    const at = new Date().toISOString();
    const lines = bad.map((b) => JSON.stringify({ segment: path.slice(this.dir.length + 1), offset: b.offset, reason: b.reason, at, line: b.text })).join('\n');
    appendFileSync(join(this.dir, QUARANTINE_FILE), `${lines}\n`);
  }

  /** Deletes a segment whose rows are committed. */
  remove(path: string): void {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // already gone
    }
    rmSync(path, { force: true });
    this.#backlogBytes = Math.max(0, this.#backlogBytes - size);
  }

  /** Flushes the open segment to the disk (the `interval` policy calls this every interval). */
  sync(): void {
    if (this.#fd === undefined || !this.#unsynced) return;
    this.#unsynced = false;
    try {
      fdatasyncSync(this.#fd);
    } catch {
      // The next append reports a broken disk; a failed sync only weakens the crash guarantee.
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.sealOpen();
  }

  #open(): void {
    this.#seq += 1;
    this.#current = join(this.dir, segmentName(this.#seq, `-${process.pid}`));
    this.#fd = openSync(this.#current, 'a');
  }

  #adoptLegacy(dataDir: string): void {
    for (const name of [`${LEGACY_JOURNAL_FILE}.replaying`, LEGACY_JOURNAL_FILE]) {
      const path = join(dataDir, name);
      if (existsSync(path)) renameSync(path, join(this.dir, segmentName(0, `-legacy-${name.endsWith('.replaying') ? 'a' : 'b'}`)));
    }
  }
}

function parseLine(text: string, torn: boolean): { row: Record<string, unknown> } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: torn ? 'partial write (no line end)' : 'not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { reason: 'not a JSON object' };
  const object = value as Record<string, unknown>;
  if ('v' in object) {
    if (object.v !== JOURNAL_VERSION) return { reason: `unknown schema version ${JSON.stringify(object.v)}` };
    const row = object.row;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return { reason: 'version 1 line without a row' };
    const wrong = misshapen(row as Record<string, unknown>);
    return wrong ? { reason: wrong } : { row: row as Record<string, unknown> };
  }
  // Lines of the legacy spill file are bare rows.
  if (typeof object.id === 'string' && 'created_at' in object && 'endpoint' in object) {
    const wrong = misshapen(object);
    return wrong ? { reason: wrong } : { row: object };
  }
  return { reason: 'no schema version' };
}

const TEXT_COLUMNS = ['id', 'endpoint', 'requested_model', 'status', 'attempts_json'] as const;
const NUMBER_COLUMNS = ['created_at', 'http_status', 'stream', 'cache_hit', 'tokens_in', 'tokens_out', 'cost_usd', 'latency_ms'] as const;

/** Why a row cannot be a traces row (the store would refuse it), or undefined. */
function misshapen(row: Record<string, unknown>): string | undefined {
  for (const column of TEXT_COLUMNS) if (typeof row[column] !== 'string') return `row without a text ${column}`;
  for (const column of NUMBER_COLUMNS) if (typeof row[column] !== 'number' || !Number.isFinite(row[column])) return `row without a numeric ${column}`;
  return undefined;
}
