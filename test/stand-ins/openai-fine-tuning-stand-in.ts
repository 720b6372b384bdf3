// A local stand-in for OpenAI's fine-tuning API: POST /v1/files (multipart, purpose fine-tune),
// POST /v1/fine_tuning/jobs, GET /v1/fine_tuning/jobs/{id}, GET …/events, POST …/cancel, with
// OpenAI's object shapes. Each status poll advances a job one training step; a training file
// whose rows are not chat or preference rows fails the job as OpenAI does (invalid_training_file).
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredFile {
  id: string;
  filename: string;
  bytes: number;
  content: string;
  created_at: number;
}

interface StoredEvent {
  object: 'fine_tuning.job.event';
  id: string;
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type: 'message' | 'metrics';
  data: Record<string, unknown> | null;
}

interface StoredJob {
  id: string;
  model: string;
  training_file: string;
  status: 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  trained_tokens: number | null;
  error: { code: string; message: string; param: string | null } | null;
  seed: number;
  method: Record<string, unknown>;
  suffix: string | null;
  step: number;
  totalSteps: number;
  events: StoredEvent[];
}

export interface FineTuningStandIn {
  /** Base URL to configure, ending in /v1. */
  url: string;
  files: Map<string, StoredFile>;
  jobs: Map<string, StoredJob>;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, message: string, code: string | null = null, param: string | null = null): void {
  send(res, status, { error: { message, type: 'invalid_request_error', param, code } });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Minimal multipart/form-data parsing: field name → { filename?, value }. */
function parseMultipart(body: Buffer, contentType: string): Map<string, { filename?: string; value: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields = new Map<string, { filename?: string; value: string }>();
  if (!boundary) return fields;
  const parts = body.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`);
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    fields.set(name, { filename, value: part.slice(split + 4).replace(/\r\n$/, '') });
  }
  return fields;
}

function validRow(line: string): boolean {
  try {
    const row = JSON.parse(line) as Record<string, unknown>;
    if (Array.isArray(row.messages)) return row.messages.length > 0;
    return typeof row.input === 'object' && Array.isArray(row.preferred_output) && Array.isArray(row.non_preferred_output);
  } catch {
    return false;
  }
}

function jobView(job: StoredJob) {
  const { step: _s, totalSteps: _t, events: _e, suffix: _x, ...rest } = job;
  return { object: 'fine_tuning.job', organization_id: 'org-standin', result_files: [], validation_file: null, hyperparameters: (job.method as { supervised?: { hyperparameters?: unknown } }).supervised?.hyperparameters ?? {}, estimated_finish: null, integrations: [], ...rest };
}

function addEvent(job: StoredJob, message: string, type: 'message' | 'metrics' = 'message', data: Record<string, unknown> | null = null, level: 'info' | 'error' = 'info'): void {
  job.events.push({ object: 'fine_tuning.job.event', id: id('ftevent'), created_at: now(), level, message, type, data });
}

/** Moves a job one step forward, as if time passed at the provider. */
function advance(job: StoredJob, files: Map<string, StoredFile>): void {
  if (job.status === 'validating_files') {
    const file = files.get(job.training_file);
    const lines = (file?.content ?? '').split('\n').filter((l) => l.trim());
    if (lines.length === 0 || !lines.every(validRow)) {
      job.status = 'failed';
      job.finished_at = now();
      job.error = { code: 'invalid_training_file', message: 'The job failed due to an invalid training file.', param: 'training_file' };
      addEvent(job, job.error.message, 'message', null, 'error');
      return;
    }
    job.status = 'running';
    addEvent(job, 'Fine-tuning job started');
    return;
  }
  if (job.status !== 'running') return;
  job.step += 1;
  addEvent(job, `Step ${job.step}/${job.totalSteps}: training loss=${(2 / job.step).toFixed(4)}`, 'metrics', { step: job.step, total_steps: job.totalSteps, train_loss: 2 / job.step, train_mean_token_accuracy: 0.5 + job.step / (2 * job.totalSteps) });
  if (job.step >= job.totalSteps) {
    job.status = 'succeeded';
    job.finished_at = now();
    job.trained_tokens = 1234;
    job.fine_tuned_model = `ft:${job.model}:steward:${job.suffix ?? 'custom'}:${job.id.slice(-8)}`;
    addEvent(job, 'The job has successfully completed');
  }
}

export async function startFineTuningStandIn(options: { apiKey?: string; totalSteps?: number } = {}): Promise<FineTuningStandIn> {
  const files = new Map<string, StoredFile>();
  const jobs = new Map<string, StoredJob>();
  const requests: { method: string; path: string }[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    requests.push({ method: req.method ?? 'GET', path });
    const body = await readBody(req);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return error(res, 401, 'Incorrect API key provided', 'invalid_api_key');
    if (req.method === 'POST' && path === '/v1/files') {
      const fields = parseMultipart(body, req.headers['content-type'] ?? '');
      const file = fields.get('file');
      if (fields.get('purpose')?.value !== 'fine-tune') return error(res, 400, "'purpose' must be 'fine-tune'", null, 'purpose');
      if (!file?.filename) return error(res, 400, "'file' is a required property", null, 'file');
      const stored: StoredFile = { id: id('file'), filename: file.filename, bytes: Buffer.byteLength(file.value), content: file.value, created_at: now() };
      files.set(stored.id, stored);
      return send(res, 200, { object: 'file', id: stored.id, bytes: stored.bytes, created_at: stored.created_at, filename: stored.filename, purpose: 'fine-tune', status: 'processed', expires_at: null, status_details: null });
    }
    if (req.method === 'POST' && path === '/v1/fine_tuning/jobs') {
      const input = JSON.parse(body.toString('utf8') || '{}') as { model?: string; training_file?: string; seed?: number; suffix?: string; method?: Record<string, unknown> };
      if (!input.model) return error(res, 400, "'model' is a required property", null, 'model');
      if (!input.training_file || !files.has(input.training_file)) return error(res, 400, `invalid training_file: ${input.training_file}`, 'invalid_training_file', 'training_file');
      const job: StoredJob = { id: id('ftjob'), model: input.model, training_file: input.training_file, status: 'validating_files', created_at: now(), finished_at: null, fine_tuned_model: null, trained_tokens: null, error: null, seed: input.seed ?? 42, method: input.method ?? { type: 'supervised' }, suffix: input.suffix ?? null, step: 0, totalSteps: options.totalSteps ?? 3, events: [] };
      addEvent(job, `Created fine-tuning job: ${job.id}`);
      jobs.set(job.id, job);
      return send(res, 200, jobView(job));
    }
    const match = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events|\/cancel)?$/.exec(path);
    const job = match ? jobs.get(match[1]) : undefined;
    if (match && !job) return error(res, 404, `No such fine-tuning job: ${match[1]}`, 'fine_tune_not_found');
    if (job && req.method === 'GET' && !match?.[2]) {
      advance(job, files);
      return send(res, 200, jobView(job));
    }
    if (job && req.method === 'GET' && match?.[2] === '/events') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const newestFirst = [...job.events].reverse();
      return send(res, 200, { object: 'list', data: newestFirst.slice(0, limit), has_more: newestFirst.length > limit });
    }
    if (job && req.method === 'POST' && match?.[2] === '/cancel') {
      if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') return error(res, 400, `Job has already completed: ${job.id}`);
      job.status = 'cancelled';
      job.finished_at = now();
      addEvent(job, 'Fine-tuning job cancelled');
      return send(res, 200, jobView(job));
    }
    return error(res, 404, `Invalid URL (${req.method} ${path})`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    files,
    jobs,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
