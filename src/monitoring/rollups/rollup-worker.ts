// The roll-up worker: reads traces (and then feedback) written since its cursor, in (time, id)
// order, and merges them into per-minute and per-hour roll-up rows — cursor and rows in one
// transaction, so a crash never counts a trace twice. Several replicas may run it; the lease
// lets one at a time do the work. Traces younger than `settleMs` wait for the next pass, since
// writers flush in batches and a trace is stamped with its request's start: a trace written more
// than `settleMs` after its request started (a very long stream) falls behind the cursor and is
// not counted — keep settleMs above the gateway's longest request.
import { randomBytes } from 'node:crypto';
import type { Store, Tx } from '../../store/index.js';
import { feedbackScore } from './feedback-score.js';
import { ROLLUP_RESOLUTIONS, RollupCell, type RollupKey, bucketOf, cellId } from './rollup-bucket.js';
import { acquireLease } from './worker-lease.js';

export interface RollupWorkerOptions {
  store: Store;
  /** Traces per transaction. Default 2000. */
  batchSize?: number;
  /** How old a trace must be before it is rolled up. Default 30 s. */
  settleMs?: number;
  leaseMs?: number;
}

export interface RollupPass {
  /** False when another replica holds the lease. */
  ran: boolean;
  traces: number;
  feedback: number;
}

const TRACE_CURSOR = 'rollup.traces';
const FEEDBACK_CURSOR = 'rollup.feedback';
const LEASE = 'rollup';

interface TraceFacts {
  projectId: string;
  at: number;
  route: string;
  model: string;
  keyId: string;
}

export class RollupWorker {
  readonly #store: Store;
  readonly #batchSize: number;
  readonly #settleMs: number;
  readonly #leaseMs: number;
  readonly #owner = `rollup-${randomBytes(6).toString('hex')}`;

  constructor(options: RollupWorkerOptions) {
    this.#store = options.store;
    this.#batchSize = options.batchSize ?? 2000;
    this.#settleMs = options.settleMs ?? 30_000;
    this.#leaseMs = options.leaseMs ?? 60_000;
  }

  /** Rolls up everything settled by `now`, batch by batch. */
  async runOnce(now = Date.now()): Promise<RollupPass> {
    if (!(await acquireLease(this.#store.db, LEASE, this.#owner, this.#leaseMs, now))) return { ran: false, traces: 0, feedback: 0 };
    let traces = 0;
    for (;;) {
      const n = await this.#store.transaction((tx) => this.#traceBatch(tx, now - this.#settleMs, now));
      traces += n;
      if (n < this.#batchSize) break;
    }
    let feedback = 0;
    for (;;) {
      const n = await this.#store.transaction((tx) => this.#feedbackBatch(tx, now - this.#settleMs, now));
      feedback += n;
      if (n < this.#batchSize) break;
    }
    return { ran: true, traces, feedback };
  }

  async #cursor(tx: Tx, name: string): Promise<{ at: number; lastId: string }> {
    const row = await tx.selectFrom('monitoring_cursors').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? { at: Number(row.at), lastId: row.last_id } : { at: 0, lastId: '' };
  }

  async #saveCursor(tx: Tx, name: string, at: number, lastId: string, now: number): Promise<void> {
    const updated = await tx.updateTable('monitoring_cursors').set({ at, last_id: lastId, updated_at: now }).where('name', '=', name).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('monitoring_cursors').values({ name, at, last_id: lastId, updated_at: now }).execute();
  }

  async #traceBatch(tx: Tx, upTo: number, now: number): Promise<number> {
    const cursor = await this.#cursor(tx, TRACE_CURSOR);
    const rows = await tx
      .selectFrom('traces')
      .select(['id', 'project_id', 'created_at', 'route', 'model', 'version_id', 'key_id', 'status', 'cache_hit', 'tokens_in', 'tokens_out', 'cost_usd', 'latency_ms', 'ttft_ms'])
      .where((eb) => eb.or([eb('created_at', '>', cursor.at), eb.and([eb('created_at', '=', cursor.at), eb('id', '>', cursor.lastId)])]))
      .where('created_at', '<=', upTo)
      .orderBy('created_at')
      .orderBy('id')
      .limit(this.#batchSize)
      .execute();
    if (rows.length === 0) return 0;
    const cells = new Map<string, RollupCell>();
    for (const row of rows) {
      const facts: TraceFacts = { projectId: row.project_id ?? '', at: Number(row.created_at), route: row.route ?? '', model: row.version_id ?? row.model ?? '', keyId: row.key_id ?? '' };
      for (const cell of cellsFor(cells, facts)) {
        cell.requests += 1;
        if (row.status !== 'ok') cell.errors += 1;
        if (Number(row.cache_hit) === 1) cell.cacheHits += 1;
        cell.tokensIn += Number(row.tokens_in);
        cell.tokensOut += Number(row.tokens_out);
        cell.costUsd += Number(row.cost_usd);
        cell.latency.record(Math.max(0, Number(row.latency_ms)));
        if (row.ttft_ms !== null) cell.ttft.record(Math.max(0, Number(row.ttft_ms)));
      }
    }
    await upsertCells(tx, cells, now);
    const last = rows[rows.length - 1];
    await this.#saveCursor(tx, TRACE_CURSOR, Number(last.created_at), last.id, now);
    return rows.length;
  }

  async #feedbackBatch(tx: Tx, upTo: number, now: number): Promise<number> {
    const cursor = await this.#cursor(tx, FEEDBACK_CURSOR);
    const rows = await tx
      .selectFrom('feedback')
      .innerJoin('traces', 'traces.id', 'feedback.trace_id')
      .select(['feedback.id as id', 'feedback.created_at as created_at', 'feedback.thumb as thumb', 'feedback.rating as rating', 'traces.project_id as project_id', 'traces.created_at as trace_at', 'traces.route as route', 'traces.model as model', 'traces.version_id as version_id', 'traces.key_id as key_id'])
      .where((eb) => eb.or([eb('feedback.created_at', '>', cursor.at), eb.and([eb('feedback.created_at', '=', cursor.at), eb('feedback.id', '>', cursor.lastId)])]))
      .where('feedback.created_at', '<=', upTo)
      .orderBy('feedback.created_at')
      .orderBy('feedback.id')
      .limit(this.#batchSize)
      .execute();
    if (rows.length === 0) return 0;
    const cells = new Map<string, RollupCell>();
    for (const row of rows) {
      const score = feedbackScore(row.thumb, row.rating === null ? null : Number(row.rating));
      if (score === null) continue;
      // Feedback counts in the bucket of the request it judges, so scores line up with the traffic.
      const facts: TraceFacts = { projectId: row.project_id ?? '', at: Number(row.trace_at), route: row.route ?? '', model: row.version_id ?? row.model ?? '', keyId: row.key_id ?? '' };
      for (const cell of cellsFor(cells, facts)) {
        cell.feedbackCount += 1;
        cell.feedbackSum += score;
      }
    }
    await upsertCells(tx, cells, now);
    const last = rows[rows.length - 1];
    await this.#saveCursor(tx, FEEDBACK_CURSOR, Number(last.created_at), last.id, now);
    return rows.length;
  }
}

function cellsFor(cells: Map<string, RollupCell>, f: TraceFacts): RollupCell[] {
  return ROLLUP_RESOLUTIONS.map((resolution) => {
    const key: RollupKey = { projectId: f.projectId, resolution, bucketStart: bucketOf(f.at, resolution), route: f.route, model: f.model, keyId: f.keyId };
    const id = cellId(key);
    let cell = cells.get(id);
    if (!cell) {
      cell = new RollupCell(key);
      cells.set(id, cell);
    }
    return cell;
  });
}

async function upsertCells(tx: Tx, cells: Map<string, RollupCell>, now: number): Promise<void> {
  for (const cell of cells.values()) {
    const k = cell.key;
    const match = tx
      .selectFrom('metric_rollups')
      .selectAll()
      .where('project_id', '=', k.projectId)
      .where('resolution', '=', k.resolution)
      .where('bucket_start', '=', k.bucketStart)
      .where('route', '=', k.route)
      .where('model', '=', k.model)
      .where('key_id', '=', k.keyId);
    const existing = await match.executeTakeFirst();
    if (existing) {
      const row = cell.mergeRow(existing).toRow(now);
      await tx
        .updateTable('metric_rollups')
        .set(row)
        .where('project_id', '=', k.projectId)
        .where('resolution', '=', k.resolution)
        .where('bucket_start', '=', k.bucketStart)
        .where('route', '=', k.route)
        .where('model', '=', k.model)
        .where('key_id', '=', k.keyId)
        .execute();
    } else await tx.insertInto('metric_rollups').values(cell.toRow(now)).execute();
  }
}
