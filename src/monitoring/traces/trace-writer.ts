// Writes traces off the request path: records are buffered and inserted in batches (every flushMs or
// batchSize records). When the store fails, the batch is appended to a journal file in the data dir
// and replayed once the store answers again. close() drains everything.
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store, TracesTable } from '../../store/index.js';
import { toJsonColumn } from '../../store/index.js';
import type { TraceRecord } from './trace-record.js';

export interface TraceWriterOptions {
  store: Store;
  /** Directory of the journal file. */
  dataDir: string;
  flushMs?: number;
  batchSize?: number;
  /** Longest stored body, in characters (longer ones are cut and marked). */
  maxBodyChars?: number;
  onError?: (error: unknown) => void;
}

export const TRACE_JOURNAL_FILE = 'trace-journal.jsonl';

export class TraceWriter {
  readonly #store: Store;
  readonly #journal: string;
  readonly #flushMs: number;
  readonly #batchSize: number;
  readonly #maxBodyChars: number;
  readonly #onError: (error: unknown) => void;
  #buffer: TracesTable[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;
  #written = 0;

  constructor(options: TraceWriterOptions) {
    this.#store = options.store;
    this.#journal = join(options.dataDir, TRACE_JOURNAL_FILE);
    this.#flushMs = options.flushMs ?? 200;
    this.#batchSize = options.batchSize ?? 200;
    this.#maxBodyChars = options.maxBodyChars ?? 200_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Traces stored so far by this writer. */
  get written(): number {
    return this.#written;
  }

  get pending(): number {
    return this.#buffer.length;
  }

  /** Queues a trace; never throws and never waits. */
  write(record: TraceRecord): void {
    this.#buffer.push(this.#toRow(record));
    if (this.#buffer.length >= this.#batchSize) this.#schedule(0);
    else this.#schedule(this.#flushMs);
  }

  /** Writes everything buffered now (and replays the journal); resolves when done. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#flushOnce());
    return this.#flushing;
  }

  /** Drains the buffer; what cannot be stored stays in the journal for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #schedule(ms: number): void {
    if (this.#timer !== undefined && ms > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, ms);
    this.#timer.unref();
  }

  async #flushOnce(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    try {
      await this.#replayJournal();
    } catch (error) {
      this.#spill(batch);
      this.#onError(error);
      if (!this.#closed) this.#schedule(Math.max(this.#flushMs, 1000));
      return;
    }
    if (batch.length === 0) return;
    try {
      await this.#insert(batch);
    } catch (error) {
      this.#spill(batch);
      this.#onError(error);
      if (!this.#closed) this.#schedule(Math.max(this.#flushMs, 1000));
    }
  }

  async #insert(rows: TracesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      await this.#store.db.insertInto('traces').values(chunk).onConflict((oc) => oc.column('id').doNothing()).execute();
      this.#written += chunk.length;
    }
  }

  #spill(rows: TracesTable[]): void {
    if (rows.length === 0) return;
    try {
      appendFileSync(this.#journal, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    } catch (error) {
      this.#onError(error);
    }
  }

  async #replayJournal(): Promise<void> {
    if (!existsSync(this.#journal)) return;
    const replaying = `${this.#journal}.replaying`;
    if (!existsSync(replaying)) renameSync(this.#journal, replaying);
    const rows = readFileSync(replaying, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as TracesTable);
    await this.#insert(rows);
    rmSync(replaying, { force: true });
    if (existsSync(this.#journal)) await this.#replayJournal();
  }

  #toRow(r: TraceRecord): TracesTable {
    return {
      id: r.id,
      project_id: r.projectId,
      created_at: r.createdAt,
      endpoint: r.endpoint,
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
      request_json: this.#body(r.request),
      response_json: this.#body(r.response),
    };
  }

  #body(value: unknown): string | null {
    const text = toJsonColumn(value);
    if (text === null || text.length <= this.#maxBodyChars) return text;
    return JSON.stringify({ truncated: true, chars: text.length, head: text.slice(0, this.#maxBodyChars) });
  }
}
