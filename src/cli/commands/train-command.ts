// `steward train start|status|logs|cancel|retry` and `steward pipelines list|create|show|run|status`.
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ApiClient, CliError } from '../api-client.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';
import { ProgressBar } from '../progress-bar.js';

interface Job {
  id: string;
  name: string;
  backend: string;
  method: string;
  state: string;
  attempt: number;
  progress: number;
  step: number;
  totalSteps: number;
  etaSeconds: number | null;
  lastLoss: number | null;
  error: string | null;
  modelVersionId: string | null;
  createdAt: string;
}

const FINAL = ['succeeded', 'failed', 'cancelled'];

function readItems(path: string): unknown[] {
  const text = readLocalFile(path);
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new CliError(`${path}:${i + 1} is not JSON`);
      }
    });
}

async function follow(client: ApiClient, id: string): Promise<Job> {
  const bar = new ProgressBar(`train ${id}`);
  for (;;) {
    const job = await client.get<Job>(`/api/training/jobs/${id}`);
    const detail = [job.state, job.lastLoss !== null ? `loss ${job.lastLoss.toFixed(4)}` : '', job.etaSeconds !== null ? `eta ${job.etaSeconds}s` : ''].filter(Boolean).join(' · ');
    bar.update({ done: job.step, total: Math.max(job.totalSteps, 1), detail });
    if (FINAL.includes(job.state)) {
      bar.finish(`train ${id} ${job.state}${job.error ? `: ${job.error}` : ''}${job.modelVersionId ? ` → ${job.modelVersionId}` : ''}`);
      return job;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function registerTrainCommands(program: Command): void {
  const train = program.command('train').description('Fine-tuning, preference-tuning, distillation and quantisation jobs');

  train
    .command('start')
    .description('Submit a training job (and follow it with --wait)')
    .requiredOption('--base <model>', 'model to train from')
    .requiredOption('--output <model>', 'registry model to register the result under')
    .option('--backend <name>', 'builtin, openai or command', 'builtin')
    .option('--method <method>', 'sft, dpo, distill or quantize', 'sft')
    .option('--dataset-version <id>', 'dataset version id')
    .option('--data <file>', 'JSONL items instead of a dataset version')
    .option('--lr <n>', 'learning rate', Number)
    .option('--batch-size <n>', 'batch size', Number)
    .option('--epochs <n>', 'epochs', Number)
    .option('--warmup <n>', 'warmup steps', Number)
    .option('--seed <n>', 'seed', Number)
    .option('--rank <n>', 'adapter rank', Number)
    .option('--config <json>', 'backend configuration as JSON')
    .option('--wait', 'follow progress until it finishes')
    .option('--json', 'print JSON')
    .action(async (o: { base: string; output: string; backend: string; method: string; datasetVersion?: string; data?: string; lr?: number; batchSize?: number; epochs?: number; warmup?: number; seed?: number; rank?: number; config?: string; wait?: boolean; json?: boolean }) => {
      const hyperParameters = Object.fromEntries(Object.entries({ learningRate: o.lr, batchSize: o.batchSize, epochs: o.epochs, warmupSteps: o.warmup, seed: o.seed, adapterRank: o.rank }).filter(([, v]) => v !== undefined));
      const client = new ApiClient();
      const job = await client.post<Job>('/api/training/jobs', {
        backend: o.backend,
        method: o.method,
        baseModel: o.base,
        outputModel: o.output,
        datasetVersionId: o.datasetVersion,
        items: o.data ? readItems(o.data) : undefined,
        hyperParameters,
        backendConfig: o.config ? (JSON.parse(o.config) as unknown) : undefined,
      });
      const final = o.wait ? await follow(client, job.id) : job;
      if (o.json) return printJson(final);
      if (!o.wait) process.stdout.write(`${job.id} ${job.state}\n`);
      if (final.state === 'failed') process.exitCode = 1;
    });

  train
    .command('status [id]')
    .description('One job, or the recent jobs')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, o: { json?: boolean }) => {
      const client = new ApiClient();
      if (id) {
        const job = await client.get<Job>(`/api/training/jobs/${id}`);
        return o.json ? printJson(job) : printTable([job as unknown as Record<string, unknown>], ['id', 'state', 'attempt', 'progress', 'step', 'totalSteps', 'etaSeconds', 'lastLoss', 'modelVersionId', 'error']);
      }
      const page = await client.get<{ data: Job[] }>('/api/training/jobs');
      if (o.json) return printJson(page.data);
      printTable(page.data as unknown as Record<string, unknown>[], ['id', 'name', 'backend', 'method', 'state', 'progress', 'lastLoss', 'createdAt']);
    });

  train
    .command('logs <id>')
    .description('Log lines of a job (--follow to keep reading)')
    .option('-f, --follow', 'follow until the job finishes')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { follow?: boolean; json?: boolean }) => {
      const client = new ApiClient();
      let after = 0;
      for (;;) {
        const page = await client.get<{ data: { seq: number; at: string; level: string; message: string }[] }>(`/api/training/jobs/${id}/logs?kind=log&after=${after}`);
        for (const line of page.data) process.stdout.write(o.json ? `${JSON.stringify(line)}\n` : `${line.at} ${line.level.padEnd(5)} ${line.message}\n`);
        if (page.data.length) after = page.data[page.data.length - 1].seq;
        if (!o.follow) return;
        const job = await client.get<Job>(`/api/training/jobs/${id}`);
        if (FINAL.includes(job.state) && page.data.length === 0) return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    });

  for (const verb of ['cancel', 'retry'] as const) {
    train
      .command(`${verb} <id>`)
      .description(verb === 'cancel' ? 'Cancel a queued or running job' : 'Run a failed or cancelled job again')
      .option('--json', 'print JSON')
      .action(async (id: string, o: { json?: boolean }) => {
        const job = await new ApiClient().post<Job>(`/api/training/jobs/${id}/${verb}`);
        if (o.json) return printJson(job);
        process.stdout.write(`${job.id} ${job.state} (attempt ${job.attempt})\n`);
      });
  }

  const pipelines = program.command('pipelines').description('Retraining pipelines (the loop)');
  pipelines
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const page = await new ApiClient().get<{ data: Record<string, unknown>[] }>('/api/pipelines');
      if (o.json) return printJson(page.data);
      printTable(page.data, ['name', 'enabled', 'lastTriggeredAt', 'createdAt']);
    });
  pipelines
    .command('create <file>')
    .description('Define a pipeline from a YAML or JSON file holding name, definition and enabled')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const text = readLocalFile(file);
      let body: unknown;
      try {
        body = parseYaml(text);
      } catch (error) {
        throw new CliError(`${file} is not YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { name?: unknown }).name !== 'string') throw new CliError(`${file} must hold one pipeline: name, definition and optionally enabled`);
      const created = await new ApiClient().post<{ name: string; id: string; enabled: boolean }>('/api/pipelines', body);
      if (o.json) return printJson(created);
      process.stdout.write(`pipeline ${created.name} created (${created.enabled ? 'enabled' : 'disabled'})\n`);
    });
  pipelines
    .command('show <name>')
    .description("A pipeline's definition and its recent runs")
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const client = new ApiClient();
      const pipeline = await client.get<{ name: string; enabled: boolean; definition: unknown; lastTriggeredAt: string | null }>(`/api/pipelines/${encodeURIComponent(name)}`);
      const runs = await client.get<{ data: { id: string; trigger: string; status: string; startedAt: string; error: string | null }[] }>(`/api/pipelines/${encodeURIComponent(name)}/runs`);
      if (o.json) return printJson({ ...pipeline, runs: runs.data });
      process.stdout.write(`# ${pipeline.name} (${pipeline.enabled ? 'enabled' : 'disabled'}, last triggered ${pipeline.lastTriggeredAt ?? 'never'})\n${JSON.stringify(pipeline.definition, null, 2)}\n`);
      if (runs.data.length) printTable(runs.data, ['id', 'trigger', 'status', 'startedAt', 'error']);
    });
  pipelines
    .command('run <name>')
    .description('Start a run and print its steps as they finish')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const client = new ApiClient();
      const run = await client.post<{ id: string }>(`/api/pipelines/${encodeURIComponent(name)}/runs`);
      let printed = 0;
      for (;;) {
        const state = await client.get<{ status: string; error: string | null; steps: { name: string; status: string; detail: string }[] }>(`/api/pipeline-runs/${run.id}`);
        for (const st of state.steps.filter((x) => x.status !== 'pending' && x.status !== 'running').slice(printed)) {
          if (!o.json) process.stdout.write(`${st.name.padEnd(9)} ${st.status.padEnd(9)} ${st.detail}\n`);
          printed += 1;
        }
        if (state.status !== 'running') {
          if (o.json) printJson(state);
          else process.stdout.write(`run ${run.id} ${state.status}${state.error ? `: ${state.error}` : ''}\n`);
          if (state.status === 'failed') process.exitCode = 1;
          return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
  pipelines
    .command('status <runId>')
    .option('--json', 'print JSON')
    .action(async (runId: string, o: { json?: boolean }) => {
      const run = await new ApiClient().get<{ status: string; steps: Record<string, unknown>[] }>(`/api/pipeline-runs/${runId}`);
      if (o.json) return printJson(run);
      process.stdout.write(`run ${runId} ${run.status}\n`);
      printTable(run.steps, ['name', 'status', 'detail', 'artifacts']);
    });
}
