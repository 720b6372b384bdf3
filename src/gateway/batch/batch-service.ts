// The OpenAI Batch API: a JSONL file of requests becomes a batch that runs in the background through
// the gateway (so routing, limits, caps and traces apply), with output and error files to download.
// Batches survive a restart: lines already answered are not sent again. With several replicas one
// runs a batch at a time: it holds the batch's lease while it runs and renews it; a batch whose
// replica stopped is taken over once the lease lapses.
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { StewardError, invalid, notFound } from '../../errors/index.js';
import { type Actor, recordAudit } from '../../governance/index.js';
import { ChatCallRequestSchema, CompletionRequestSchema, EmbeddingRequestSchema } from '../../providers/spec/index.js';
import type { BatchesTable, Store } from '../../store/index.js';
import { fromJsonColumn, newId, toJsonColumn } from '../../store/index.js';
import { acquireLease, releaseLease } from '../../monitoring/rollups/worker-lease.js';
import type { Gateway, GatewayResponse } from '../gateway.js';
import type { GatewaySettings } from '../gateway-settings.js';
import { type ResponsesRequest, ResponsesRequestSchema, ResponsesSurface } from '../surfaces/responses/index.js';
import type { FileStore } from './file-store.js';

export const BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/responses'] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];
export const BATCH_STATUSES = ['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * OpenAI's batch object. Timestamps and files that do not exist yet are absent, not null: OpenAI's
 * OpenAPI document types them as optional integers and strings.
 */
export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  errors?: { object: 'list'; data: { code: string; message: string; line: number | null; param: string | null }[] };
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id?: string;
  error_file_id?: string;
  created_at: number;
  in_progress_at?: number;
  expires_at: number;
  finalizing_at?: number;
  completed_at?: number;
  failed_at?: number;
  expired_at?: number;
  cancelling_at?: number;
  cancelled_at?: number;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

const seconds = (ms: number | null) => (ms === null ? undefined : Math.floor(Number(ms) / 1000));
const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function toBatch(row: BatchesTable): BatchObject {
  return {
    id: row.id,
    object: 'batch',
    endpoint: row.endpoint,
    errors: present(fromJsonColumn<BatchObject['errors'] | null>(row.errors_json, null)),
    input_file_id: row.input_file_id,
    completion_window: row.completion_window,
    status: row.status as BatchStatus,
    output_file_id: present(row.output_file_id),
    error_file_id: present(row.error_file_id),
    created_at: seconds(row.created_at) ?? 0,
    in_progress_at: seconds(row.in_progress_at),
    expires_at: seconds(row.expires_at) ?? 0,
    finalizing_at: seconds(row.finalizing_at),
    completed_at: seconds(row.completed_at),
    failed_at: seconds(row.failed_at),
    cancelling_at: seconds(row.cancelling_at),
    cancelled_at: seconds(row.cancelled_at),
    request_counts: { total: Number(row.total), completed: Number(row.completed), failed: Number(row.failed) },
    metadata: fromJsonColumn(row.metadata_json, null),
  };
}

interface BatchLine {
  custom_id: string;
  method: string;
  url: string;
  body: unknown;
}

export class BatchService {
  readonly #store: Store;
  readonly #files: FileStore;
  readonly #gateway: Gateway;
  readonly #responses: ResponsesSurface;
  readonly #settings: GatewaySettings;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #running = new Map<string, Promise<void>>();
  readonly #owner: string;
  readonly #leaseMs: number;
  #closed = false;
  #poller: NodeJS.Timeout | undefined;

  /** `owner` names this replica on the leases of the batches it runs; a lease lapses `leaseMs` (default 30 s) after its last renewal. */
  constructor(options: { store: Store; files: FileStore; gateway: Gateway; settings: GatewaySettings; log?: (message: string, error?: unknown) => void; owner?: string; leaseMs?: number }) {
    this.#owner = options.owner ?? newId('replica');
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#store = options.store;
    this.#files = options.files;
    this.#gateway = options.gateway;
    // Responses lines are answered (and stored, unless `store: false`) as POST /v1/responses is.
    this.#responses = new ResponsesSurface({ gateway: options.gateway, store: options.store });
    this.#settings = options.settings;
    this.#log = options.log ?? (() => {});
  }

  /** Resumes unfinished batches and polls for new ones (other replicas create them too). */
  async start(): Promise<void> {
    await this.pickUp();
    this.#poller = setInterval(() => void this.pickUp().catch((error: unknown) => this.#log('batch poll failed', error)), 2_000);
    this.#poller.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poller);
    await Promise.allSettled(this.#running.values());
  }

  /** Validates the input file and queues the batch. @throws VALIDATION_FAILED for a bad file or endpoint. */
  async create(actor: Actor, input: { input_file_id: string; endpoint: string; completion_window: string; metadata?: Record<string, string> }): Promise<BatchObject> {
    if (!(BATCH_ENDPOINTS as readonly string[]).includes(input.endpoint)) throw invalid(`endpoint must be one of ${BATCH_ENDPOINTS.join(', ')}`, { param: 'endpoint' });
    if (input.completion_window !== '24h') throw invalid('completion_window must be 24h', { param: 'completion_window' });
    const file = await this.#files.get(input.input_file_id, actor.projectId);
    if (file.purpose !== 'batch') throw invalid(`file ${file.id} has purpose ${file.purpose}, not batch`, { param: 'input_file_id' });
    const lines = parseLines(await this.#files.text(file.id), input.endpoint, this.#settings.batch.maxLines);
    const now = Date.now();
    const row: BatchesTable = {
      id: newId('batch'),
      project_id: actor.projectId,
      key_id: actor.id,
      endpoint: input.endpoint,
      input_file_id: file.id,
      output_file_id: null,
      error_file_id: null,
      status: 'validating',
      completion_window: '24h',
      total: lines.length,
      completed: 0,
      failed: 0,
      metadata_json: toJsonColumn(input.metadata),
      errors_json: null,
      created_at: now,
      in_progress_at: null,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      cancelling_at: null,
      cancelled_at: null,
      expires_at: now + 86_400_000,
    };
    // A key starting a batch spends on its calls later: the start is audited with the write.
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('batches').values(row).execute();
      await recordAudit(tx, { actor, action: 'batches.create', resourceType: 'batch', resourceId: row.id, after: { inputFileId: input.input_file_id, endpoint: input.endpoint } });
    });
    void this.pickUp().catch((error: unknown) => this.#log('batch start failed', error));
    return toBatch(row);
  }

  async get(id: string, projectId: string): Promise<BatchObject> {
    return toBatch(await this.#row(id, projectId));
  }

  async list(projectId: string, options: { after?: string; limit: number }): Promise<{ data: BatchObject[]; has_more: boolean }> {
    let q = this.#store.db.selectFrom('batches').selectAll().orderBy('id', 'desc').limit(options.limit + 1);
    q = q.where('project_id', '=', projectId);
    if (options.after) q = q.where('id', '<', options.after);
    const rows = await q.execute();
    return { data: rows.slice(0, options.limit).map(toBatch), has_more: rows.length > options.limit };
  }

  async cancel(id: string, projectId: string, actor?: Actor): Promise<BatchObject> {
    const row = await this.#row(id, projectId);
    if (['completed', 'failed', 'cancelled', 'expired'].includes(row.status)) {
      throw new StewardError({ code: 'CONFLICT', message: `batch ${id} is ${row.status}; it cannot be cancelled` });
    }
    const now = Date.now();
    await this.#store.transaction(async (tx) => {
      if (row.status === 'validating') {
        await tx.updateTable('batches').set({ status: 'cancelled', cancelling_at: now, cancelled_at: now }).where('id', '=', id).execute();
      } else {
        await tx.updateTable('batches').set({ status: 'cancelling', cancelling_at: now }).where('id', '=', id).where('status', '=', 'in_progress').execute();
      }
      if (actor) await recordAudit(tx, { actor, action: 'batches.cancel', resourceType: 'batch', resourceId: id, before: { status: row.status } });
    });
    return this.get(id, projectId);
  }

  /** Settles once every batch this process is running is done (tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled(this.#running.values());
  }

  /** A batch of the project; `null` only for the worker, which runs every project's batches as their own key. */
  async #row(id: string, projectId: string | null): Promise<BatchesTable> {
    let q = this.#store.db.selectFrom('batches').selectAll().where('id', '=', id);
    if (projectId !== null) q = q.where('project_id', '=', projectId);
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(`batch ${id}`, { param: 'batch_id' });
    return row;
  }

  /** Starts the batches waiting to run that no replica holds (the poller calls it every 2 s). */
  async pickUp(): Promise<void> {
    if (this.#closed) return;
    const rows = await this.#store.db.selectFrom('batches').select(['id', 'status']).where('status', 'in', ['validating', 'in_progress', 'cancelling']).execute();
    for (const { id, status } of rows) {
      if (this.#running.has(id) || this.#closed) continue;
      // Another replica running it holds its lease; one that stopped lets it lapse.
      if (!(await acquireLease(this.#store.db, leaseName(id), this.#owner, this.#leaseMs))) continue;
      if (status === 'validating') {
        const claimed = await this.#store.db.updateTable('batches').set({ status: 'in_progress', in_progress_at: Date.now() }).where('id', '=', id).where('status', '=', 'validating').executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) {
          await releaseLease(this.#store.db, leaseName(id), this.#owner);
          continue;
        }
      }
      const lease = { lost: false };
      const renewal = setInterval(() => {
        acquireLease(this.#store.db, leaseName(id), this.#owner, this.#leaseMs)
          .then((held) => {
            if (!held) lease.lost = true;
          })
          .catch((error: unknown) => this.#log(`batch ${id}: renewing its lease failed`, error));
      }, Math.max(1, Math.floor(this.#leaseMs / 3)));
      renewal.unref();
      const run = this.#run(id, lease)
        .catch((error: unknown) => this.#log(`batch ${id} failed`, error))
        .finally(() => {
          clearInterval(renewal);
          this.#running.delete(id);
          // Released at the end, or when this replica stops midway, so the next start resumes at once.
          return releaseLease(this.#store.db, leaseName(id), this.#owner).catch((error: unknown) => this.#log(`batch ${id}: releasing its lease failed`, error));
        });
      this.#running.set(id, run);
    }
  }

  async #run(id: string, lease: { readonly lost: boolean }): Promise<void> {
    const row = await this.#row(id, null);
    const lines = parseLines(await this.#files.text(row.input_file_id), row.endpoint, Number.POSITIVE_INFINITY);
    const outputId = `file_${id.slice('batch_'.length)}o`;
    const errorId = `file_${id.slice('batch_'.length)}e`;
    const outPath = this.#files.path(outputId);
    const errPath = this.#files.path(errorId);
    const done = new Set<string>([...answeredIds(outPath), ...answeredIds(errPath)]);
    let completed = existsSync(outPath) ? answeredIds(outPath).length : 0;
    let failed = existsSync(errPath) ? answeredIds(errPath).length : 0;
    const actor: Actor = { id: row.key_id, name: `batch ${id}`, role: 'service', projectId: row.project_id ?? '' };
    const pending = lines.filter((line) => !done.has(line.custom_id));
    let next = 0;
    let lastProgress = 0;
    const cancelled = async () => (await this.#row(id, null)).status === 'cancelling';
    const worker = async () => {
      while (next < pending.length && !this.#closed && !lease.lost) {
        if (Date.now() - lastProgress > 500) {
          lastProgress = Date.now();
          await this.#store.db.updateTable('batches').set({ completed, failed }).where('id', '=', id).execute();
          if (await cancelled()) return;
        }
        const line = pending[next++];
        const result = await this.#call(actor, row.endpoint, line.body, id);
        const record = { id: newId('batch_req'), custom_id: line.custom_id, response: { status_code: result.status, request_id: result.traceId, body: result.body }, error: null };
        if (result.status === 200) {
          appendFileSync(outPath, `${JSON.stringify(record)}\n`);
          completed++;
        } else {
          appendFileSync(errPath, `${JSON.stringify(record)}\n`);
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#settings.batch.concurrency, Math.max(1, pending.length)) }, worker));
    if (lease.lost) {
      this.#log(`batch ${id}: its lease lapsed and another replica took it over; this one stopped sending its lines`);
      return;
    }
    if (this.#closed && next < pending.length) {
      await this.#store.db.updateTable('batches').set({ completed, failed }).where('id', '=', id).execute();
      return; // resumed at the next start
    }
    const wasCancelled = await cancelled();
    const now = Date.now();
    const outputFile = existsSync(outPath) ? await this.#files.register({ id: outputId, projectId: row.project_id, purpose: 'batch_output', filename: `${id}_output.jsonl`, bytes: statSync(outPath).size }) : null;
    const errorFile = existsSync(errPath) ? await this.#files.register({ id: errorId, projectId: row.project_id, purpose: 'batch_output', filename: `${id}_error.jsonl`, bytes: statSync(errPath).size }) : null;
    await this.#store.db
      .updateTable('batches')
      .set({
        status: wasCancelled ? 'cancelled' : 'completed',
        completed,
        failed,
        finalizing_at: now,
        ...(wasCancelled ? { cancelled_at: now } : { completed_at: now }),
        output_file_id: outputFile?.id ?? null,
        error_file_id: errorFile?.id ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  async #call(actor: Actor, endpoint: string, body: unknown, batchId: string): Promise<{ status: number; traceId: string | null; body: unknown }> {
    const options = { batchId, traceId: newId('trace') };
    try {
      let result: GatewayResponse<unknown>;
      // A chat line may name a route bound to a prompt and carry only its variables: the gateway renders it.
      if (endpoint === '/v1/chat/completions') result = await this.#gateway.chatCall(actor, { ...lineBody(ChatCallRequestSchema, body), stream: false }, options);
      else if (endpoint === '/v1/completions') result = await this.#gateway.completionCall(actor, { ...lineBody(CompletionRequestSchema, body), stream: false }, options);
      else if (endpoint === '/v1/responses') result = await this.#responses.createResponse(actor, { ...(lineBody(ResponsesRequestSchema, body) as ResponsesRequest), stream: false }, options);
      else result = await this.#gateway.embeddingCall(actor, lineBody(EmbeddingRequestSchema, body), options);
      return { status: 200, traceId: result.traceId, body: result.body };
    } catch (error) {
      const steward = error instanceof StewardError ? error : undefined;
      // Internal failures keep their message on the server: the output file says only what the catalogue says.
      const message = steward && steward.code !== 'INTERNAL' ? steward.message : 'Internal error';
      const param = (steward?.details as { param?: unknown } | undefined)?.param;
      return {
        status: steward?.status ?? 500,
        traceId: options.traceId,
        body: { error: { message, type: (steward?.status ?? 500) >= 500 ? 'api_error' : 'invalid_request_error', param: typeof param === 'string' ? param : null, code: (steward?.code ?? 'internal').toLowerCase() } },
      };
    }
  }
}

/**
 * A line's body validated like the endpoint's own: the first issue names its parameter.
 * @throws StewardError VALIDATION_FAILED (400)
 */
function lineBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue.path.map(String).join('.');
  throw new StewardError({ code: 'VALIDATION_FAILED', message: `${param ? `${param}: ` : ''}${issue.message}`, details: { param: param || null } });
}

function answeredIds(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
}

/** Parses and checks a batch input file. @throws VALIDATION_FAILED naming the line. */
function parseLines(text: string, endpoint: string, maxLines: number): BatchLine[] {
  const lines: BatchLine[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: Partial<BatchLine>;
    try {
      value = JSON.parse(raw) as Partial<BatchLine>;
    } catch {
      throw invalid(`line ${index + 1} of the input file is not JSON`, { param: 'input_file_id', line: index + 1 });
    }
    if (typeof value.custom_id !== 'string' || value.custom_id === '') throw invalid(`line ${index + 1} has no custom_id`, { param: 'input_file_id' });
    if (ids.has(value.custom_id)) throw invalid(`line ${index + 1} repeats custom_id ${value.custom_id}`, { param: 'input_file_id' });
    if (value.url !== endpoint) throw invalid(`line ${index + 1} has url ${String(value.url)}; the batch endpoint is ${endpoint}`, { param: 'input_file_id' });
    if (value.method !== undefined && value.method !== 'POST') throw invalid(`line ${index + 1}: method must be POST`, { param: 'input_file_id' });
    if (typeof value.body !== 'object' || value.body === null) throw invalid(`line ${index + 1} has no body`, { param: 'input_file_id' });
    ids.add(value.custom_id);
    lines.push({ custom_id: value.custom_id, method: 'POST', url: endpoint, body: value.body });
  });
  if (lines.length === 0) throw invalid('the input file has no requests', { param: 'input_file_id' });
  if (lines.length > maxLines) throw invalid(`the input file has ${lines.length} requests; the limit is ${maxLines}`, { param: 'input_file_id' });
  return lines;
}

function leaseName(batchId: string): string {
  return `batch:${batchId}`;
}
