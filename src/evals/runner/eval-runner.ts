// Executes evaluation runs in the background: items in flight up to the run's concurrency, each
// result written as it completes (the resume point and the output cache), a lease renewed while
// the run is held so that another replica resumes it if this one dies, and a clean stop at shutdown
// that leaves the run to be resumed, without calling the model again for finished items.
import { randomBytes } from 'node:crypto';
import { type DatasetItem, streamItems } from '../../datasets/index.js';
import type { DatasetSplit } from '../../datasets/index.js';
import type { EvalRunsTable, Store } from '../../store/index.js';
import { toJsonColumn } from '../../store/index.js';
import type { ModelCaller } from '../model-caller/model-caller.js';
import { aggregateResults } from '../results/aggregate-results.js';
import type { ResolvedPrompt } from '../runs/render-prompt.js';
import { toItemResult, toRun } from '../runs/run-records.js';
import { bindMetrics } from '../runs/run-spec.js';
import { type CachedOutput, evaluateItem } from './evaluate-item.js';

export interface EvalRunnerOptions {
  store: Store;
  /** The model caller for a run (the gateway on behalf of the run's creator). */
  callerFor: (run: EvalRunsTable) => ModelCaller;
  /** The prompt a run's spec names, resolved. */
  resolvePrompt: (run: EvalRunsTable) => Promise<ResolvedPrompt | undefined>;
  /** How long a claim on a run lasts without renewal (default 30 s). */
  leaseMs?: number;
  onError?: (message: string, error: unknown) => void;
}

class StopRequested extends Error {
  constructor(readonly reason: 'shutdown' | 'cancelled') {
    super(reason);
  }
}

export class EvalRunner {
  readonly owner = `runner_${randomBytes(6).toString('hex')}`;
  readonly #options: EvalRunnerOptions;
  readonly #leaseMs: number;
  readonly #active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #closed = false;

  constructor(options: EvalRunnerOptions) {
    this.#options = options;
    this.#leaseMs = options.leaseMs ?? 30_000;
  }

  /** Starts (or resumes) a run in the background unless this or another replica holds it. */
  start(runId: string): void {
    if (this.#closed || this.#active.has(runId)) return;
    const controller = new AbortController();
    const done = this.#execute(runId, controller).catch((error: unknown) => this.#options.onError?.(`evaluation run ${runId} failed`, error));
    this.#active.set(runId, { controller, done: done.finally(() => this.#active.delete(runId)) });
  }

  /** Resumes every unfinished run whose lease has expired (after a crash or a restart). */
  async recover(): Promise<number> {
    const now = Date.now();
    const rows = await this.#options.store.db
      .selectFrom('eval_runs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .execute();
    for (const row of rows) this.start(row.id);
    return rows.length;
  }

  /** Stops a run held here (it is marked cancelled by the caller). */
  stop(runId: string): void {
    this.#active.get(runId)?.controller.abort(new StopRequested('cancelled'));
  }

  /** Resolves when the run is no longer executing in this process. */
  async settled(runId: string): Promise<void> {
    await this.#active.get(runId)?.done;
  }

  isActive(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** Stops every run at shutdown, releasing their leases so the next start resumes them at once. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const { controller } of this.#active.values()) controller.abort(new StopRequested('shutdown'));
    await Promise.all([...this.#active.values()].map((a) => a.done));
  }

  async #claim(runId: string): Promise<EvalRunsTable | undefined> {
    const now = Date.now();
    const claimed = await this.#options.store.db
      .updateTable('eval_runs')
      .set((eb) => ({ status: 'running', lease_owner: this.owner, lease_until: now + this.#leaseMs, started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', this.owner)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return undefined;
    return this.#options.store.db.selectFrom('eval_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  }

  async #execute(runId: string, controller: AbortController): Promise<void> {
    const db = this.#options.store.db;
    const run = await this.#claim(runId);
    if (!run) return;
    const heartbeat = setInterval(() => {
      void db
        .updateTable('eval_runs')
        .set({ lease_until: Date.now() + this.#leaseMs })
        .where('id', '=', runId)
        .where('lease_owner', '=', this.owner)
        .returning('status')
        .executeTakeFirst()
        .then((row) => {
          if (!row || row.status === 'cancelled') controller.abort(new StopRequested('cancelled'));
        })
        .catch(() => {
          // The store may be briefly down; the next beat renews.
        });
    }, Math.max(100, this.#leaseMs / 3));
    heartbeat.unref();
    try {
      await this.#process(run, controller.signal);
      const results = (await db.selectFrom('eval_results').selectAll().where('run_id', '=', runId).execute()).map(toItemResult);
      const spec = toRun(run);
      const summary = aggregateResults(results, spec.metrics.map((m) => m.name ?? m.metric), { resamples: spec.params.resamples });
      await db
        .updateTable('eval_runs')
        // Any call or metric error is visible in the status: a run with errors never reads as clean.
        .set({ status: summary.erroredItems > 0 ? 'completed_with_errors' : 'completed', summary_json: toJsonColumn(summary), finished_at: Date.now(), lease_owner: null, lease_until: null })
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .execute();
    } catch (error) {
      const stop = controller.signal.reason instanceof StopRequested ? controller.signal.reason : error instanceof StopRequested ? error : undefined;
      if (stop?.reason === 'shutdown') {
        // Leave it running with no lease: the next process (or another replica) resumes it at once.
        await db.updateTable('eval_runs').set({ lease_owner: null, lease_until: 0 }).where('id', '=', runId).where('lease_owner', '=', this.owner).execute();
      } else if (stop?.reason === 'cancelled') {
        await db.updateTable('eval_runs').set({ lease_owner: null, lease_until: null, finished_at: Date.now() }).where('id', '=', runId).execute();
      } else {
        const message = error instanceof Error ? error.message : String(error);
        await db.updateTable('eval_runs').set({ status: 'failed', error: message, finished_at: Date.now(), lease_owner: null, lease_until: null }).where('id', '=', runId).execute();
        throw error;
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #process(run: EvalRunsTable, signal: AbortSignal): Promise<void> {
    const db = this.#options.store.db;
    const spec = toRun(run);
    const metrics = bindMetrics(spec.metrics);
    const done = new Set((await db.selectFrom('eval_results').select('item_id').where('run_id', '=', run.id).execute()).map((r) => r.item_id));
    const cache = run.rescored_from ? await this.#cachedOutputs(run.rescored_from) : undefined;
    const context = {
      target: run.target,
      prompt: await this.#options.resolvePrompt(run),
      params: spec.params,
      metrics,
      caller: this.#options.callerFor(run),
      signal,
    };
    const split = spec.params.split as DatasetSplit | undefined;
    const pending = (async function* () {
      for await (const entry of streamItems(db, run.dataset_version_id, { split })) {
        if (signal.aborted) return;
        if (!done.has(entry.item.id ?? String(entry.position))) yield entry;
      }
    })();
    const worker = async () => {
      for (;;) {
        if (signal.aborted) throw signal.reason;
        const next = await pending.next();
        if (next.done) return;
        const { item, position } = next.value as { item: DatasetItem; position: number };
        const itemId = item.id ?? String(position);
        const result = await evaluateItem(context, item, cache?.get(itemId));
        await this.#options.store.transaction(async (tx) => {
          await tx
            .insertInto('eval_results')
            .values({
              run_id: run.id,
              item_id: itemId,
              position,
              output: result.output,
              latency_ms: result.latencyMs,
              usage_json: toJsonColumn(result.usage),
              cost_usd: result.costUsd,
              call_error: result.callError,
              scores_json: JSON.stringify(result.scores),
              created_at: Date.now(),
            })
            .execute();
          await tx
            .updateTable('eval_runs')
            .set((eb) => ({ completed_items: eb('completed_items', '+', 1), failed_items: eb('failed_items', '+', result.callError === null ? 0 : 1) }))
            .where('id', '=', run.id)
            .execute();
        });
      }
    };
    const concurrency = Math.max(1, spec.params.concurrency);
    const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    if (signal.aborted) throw signal.reason;
  }

  async #cachedOutputs(sourceRunId: string): Promise<Map<string, CachedOutput>> {
    const rows = await this.#options.store.db.selectFrom('eval_results').selectAll().where('run_id', '=', sourceRunId).execute();
    return new Map(rows.map((row) => [row.item_id, toItemResult(row)]));
  }
}
