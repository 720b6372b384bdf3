// Writes traces without losing one it acknowledged: write() appends the record to the local journal
// synchronously (before the caller sends the response that carries the trace id), and a background
// pass — every flushMs, from start-up on, whether or not traffic arrives — seals the open segment,
// inserts sealed segments into the store in batches (idempotent by trace id) and deletes a segment
// only once its rows are committed. Unreadable lines are quarantined and the rest goes on; every
// failed store write is counted and logged, rate-limited. close() drains what the store accepts.
import type { Store, TracesTable } from '../../store/index.js';
import { toJsonColumn } from '../../store/index.js';
import { type FsyncPolicy, TraceJournal } from './trace-journal.js';
import type { TraceRecord } from './trace-record.js';

export interface TraceWriterOptions {
  store: Store;
  /** Directory of the journal (`<dataDir>/trace-journal/`). */
  dataDir: string;
  flushMs?: number;
  batchSize?: number;
  /** Longest stored body, in characters (longer ones are cut and marked). */
  maxBodyChars?: number;
  fsync?: FsyncPolicy;
  fsyncIntervalMs?: number;
  /** Backlog above which new records keep their metering fields and lose their bodies. */
  maxJournalBytes?: number;
  segmentMaxBytes?: number;
  /** Called with every failed store write (the caller rate-limits its log lines). */
  onError?: (error: unknown) => void;
  /** Warnings: quarantined lines, bodies dropped at the cap. */
  onWarn?: (message: string) => void;
  /** Work written behind with every batch (the in-memory limit counters). */
  afterBatch?: () => Promise<void>;
}

export interface TraceWriterStats {
  /** Rows inserted by this writer (a replayed duplicate counts once it is committed). */
  written: number;
  quarantined: number;
  writeFailures: number;
  bodiesDropped: number;
  backlogBytes: number;
}

const MAX_RETAINED_ROWS = 50_000;

/** What a record keeps when the journal is over its cap: everything but the bodies. */
const BODY_DROPPED = JSON.stringify({ omitted: 'the trace journal was over its size cap' });

export class TraceWriter {
  readonly #store: Store;
  readonly #journal: TraceJournal;
  readonly #flushMs: number;
  readonly #batchSize: number;
  readonly #maxBodyChars: number;
  readonly #maxJournalBytes: number;
  readonly #segmentMaxBytes: number;
  readonly #onError: (error: unknown) => void;
  readonly #onWarn: (message: string) => void;
  readonly #afterBatch: (() => Promise<void>) | undefined;
  /** Rows of segments this process wrote, so storing them needs no read back. */
  readonly #rowsOf = new Map<string, TracesTable[]>();
  #openRows: TracesTable[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #retryAt = 0;
  #closed = false;
  #warnedCap = false;
  #queued = false;
  #inPass = false;
  /** Rows held in #rowsOf; beyond MAX_RETAINED_ROWS sealed segments are read back from disk instead. */
  #retained = 0;
  readonly #stats = { written: 0, quarantined: 0, writeFailures: 0, bodiesDropped: 0 };

  constructor(options: TraceWriterOptions) {
    this.#store = options.store;
    this.#flushMs = options.flushMs ?? 200;
    this.#batchSize = options.batchSize ?? 200;
    this.#maxBodyChars = options.maxBodyChars ?? 200_000;
    this.#maxJournalBytes = options.maxJournalBytes ?? 1024 * 1024 * 1024;
    this.#segmentMaxBytes = options.segmentMaxBytes ?? 8 * 1024 * 1024;
    this.#onError = options.onError ?? (() => {});
    this.#onWarn = options.onWarn ?? (() => {});
    this.#afterBatch = options.afterBatch;
    this.#journal = new TraceJournal({ dataDir: options.dataDir, fsync: options.fsync, fsyncIntervalMs: options.fsyncIntervalMs });
    // Replay runs continuously: segments left by an earlier process are stored without new traffic.
    this.#timer = setInterval(() => {
      // One pass at a time from the timer: a store that takes seconds to refuse must not pile up passes.
      if (!this.#inPass && Date.now() >= this.#retryAt) void this.flush();
    }, this.#flushMs);
    this.#timer.unref();
  }

  /** Traces stored so far by this writer. */
  get written(): number {
    return this.#stats.written;
  }

  /** Records in the open segment, not yet handed to the store. */
  get pending(): number {
    return this.#openRows.length;
  }

  get stats(): TraceWriterStats {
    return { ...this.#stats, backlogBytes: this.#journal.backlogBytes };
  }

  /** Journals a trace (one synchronous write); never waits for the store. */
  write(record: TraceRecord): void {
    let row = toTraceRow(record, this.#maxBodyChars);
    if (this.#journal.backlogBytes >= this.#maxJournalBytes) {
      row = { ...row, request_json: row.request_json === null ? null : BODY_DROPPED, response_json: row.response_json === null ? null : BODY_DROPPED };
      this.#stats.bodiesDropped += 1;
      if (!this.#warnedCap) {
        this.#warnedCap = true;
        this.#onWarn(`the trace journal holds ${this.#journal.backlogBytes} bytes, over its cap of ${this.#maxJournalBytes}: new traces keep their metering fields but not their bodies until the store catches up`);
      }
    } else this.#warnedCap = false;
    this.#journal.append(row);
    this.#openRows.push(row);
    if (this.#journal.openBytes >= this.#segmentMaxBytes) this.#seal();
    // A full batch is stored at once rather than at the next tick.
    if (this.#openRows.length >= this.#batchSize && !this.#queued) {
      this.#queued = true;
      void this.flush();
    }
  }

  /** Stores everything journalled so far (as far as the store accepts it); never rejects. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#pass());
    return this.#flushing;
  }

  /** Stops the background pass and drains; what the store refuses stays journalled for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
    this.#journal.close();
  }

  #seal(): void {
    if (this.#openRows.length === 0) return;
    const path = this.#journal.sealOpen();
    // During a long store outage the journal grows on disk, not in memory.
    if (path && this.#retained + this.#openRows.length <= MAX_RETAINED_ROWS) {
      this.#rowsOf.set(path, this.#openRows);
      this.#retained += this.#openRows.length;
    }
    this.#openRows = [];
  }

  async #pass(): Promise<void> {
    this.#queued = false;
    this.#inPass = true;
    try {
      this.#seal();
      for (const path of this.#journal.sealed()) {
        let rows = this.#rowsOf.get(path);
        if (!rows) {
          const contents = this.#journal.read(path);
          if (contents.bad.length > 0) {
            this.#journal.quarantine(path, contents.bad);
            this.#stats.quarantined += contents.bad.length;
            this.#onWarn(`trace journal: ${contents.bad.length} unreadable line(s) of ${path} moved to quarantine (${contents.bad[0].reason} at byte ${contents.bad[0].offset})`);
          }
          rows = contents.rows as unknown as TracesTable[];
        }
        if (!(await this.#storeRows(path, rows))) return;
        if (this.#rowsOf.delete(path)) this.#retained -= rows.length;
        this.#journal.remove(path);
      }
      if (this.#afterBatch) await this.#afterBatch();
      this.#retryAt = 0;
    } catch (error) {
      this.#failed(error);
    } finally {
      this.#inPass = false;
    }
  }

  /** Inserts a segment's rows; false when the store is unreachable (the segment waits). */
  async #storeRows(path: string, rows: TracesTable[]): Promise<boolean> {
    // The common case in one transaction (one commit per segment, not per batch); on failure the
    // batches are retried one by one to find the rows, if any, the store itself refuses.
    if (rows.length === 0) return true;
    try {
      await this.#store.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += this.#batchSize) await tx.insertInto('traces').values(rows.slice(i, i + this.#batchSize)).onConflict((oc) => oc.column('id').doNothing()).execute();
      });
      this.#stats.written += rows.length;
      return true;
    } catch (error) {
      this.#failed(error);
      if (!(await this.#storeAnswers())) return false;
    }
    for (let i = 0; i < rows.length; i += this.#batchSize) {
      const batch = rows.slice(i, i + this.#batchSize);
      try {
        await this.#insert(batch);
      } catch (error) {
        this.#failed(error);
        // A row the store itself rejects must not block the journal: find it if the store answers.
        if (!(await this.#storeAnswers())) return false;
        const rejected: { offset: number; reason: string; text: string }[] = [];
        for (const row of batch) {
          try {
            await this.#insert([row]);
          } catch (rowError) {
            if (!(await this.#storeAnswers())) return false;
            rejected.push({ offset: -1, reason: `rejected by the store: ${rowError instanceof Error ? rowError.message : String(rowError)}`, text: JSON.stringify(row) });
          }
        }
        // Every row refused (a missing table, a read-only database): the store is at fault, not the
        // rows; they wait. Rows are checked for shape when read, so one bad row alone is unlikely.
        if (rejected.length === batch.length) return false;
        if (rejected.length > 0) {
          this.#journal.quarantine(path, rejected);
          this.#stats.quarantined += rejected.length;
          this.#onWarn(`trace journal: ${rejected.length} row(s) of ${path} rejected by the store, moved to quarantine (${rejected[0].reason})`);
        }
      }
    }
    return true;
  }

  async #storeAnswers(): Promise<boolean> {
    try {
      await this.#store.ping();
      return true;
    } catch {
      return false;
    }
  }

  #failed(error: unknown): void {
    this.#stats.writeFailures += 1;
    this.#onError(error);
    if (!this.#closed) this.#retryAt = Date.now() + Math.max(this.#flushMs, 1_000);
  }

  async #insert(rows: TracesTable[]): Promise<void> {
    await this.#store.db.insertInto('traces').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute();
    this.#stats.written += rows.length;
  }
}

/** The stored row of a trace record; bodies longer than `maxBodyChars` are cut and marked. */
export function toTraceRow(r: TraceRecord, maxBodyChars = 200_000): TracesTable {
  return {
    id: r.id,
    project_id: r.projectId,
    created_at: r.createdAt,
    endpoint: r.endpoint,
    surface: r.surface?.name ?? null,
    surface_translated: r.surface ? (r.surface.translated ? 1 : 0) : null,
    requested_model: r.requestedModel,
    route: r.route,
    route_revision: r.routeRevision,
    provider: r.provider,
    model: r.model,
    version_id: r.versionId,
    prompt_version_id: r.promptVersionId,
    status: r.status,
    http_status: r.httpStatus,
    error_code: r.errorCode,
    error_message: r.errorMessage,
    stream: r.stream ? 1 : 0,
    cache_hit: r.cacheHit ? 1 : 0,
    key_id: r.keyId,
    user_pseudonym: r.userPseudonym,
    batch_id: r.batchId,
    tokens_in: r.tokensIn,
    tokens_out: r.tokensOut,
    cost_usd: r.costUsd,
    ttft_ms: r.ttftMs,
    latency_ms: r.latencyMs,
    overhead_ms: r.overheadMs,
    attempts_json: JSON.stringify(r.attempts),
    request_json: bodyColumn(r.request, maxBodyChars),
    response_json: bodyColumn(r.response, maxBodyChars),
  };
}

function bodyColumn(value: unknown, maxBodyChars: number): string | null {
  const text = toJsonColumn(value);
  if (text === null || text.length <= maxBodyChars) return text;
  return JSON.stringify({ truncated: true, chars: text.length, head: text.slice(0, maxBodyChars) });
}
