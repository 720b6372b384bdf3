// `steward train start|status|logs|cancel|retry` and `steward pipelines list|create|show|run|status`.
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { FINAL_TRAINING_JOB_STATES, type RequestBodyOf, type StewardClient, type TrainingJob } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';
import { ProgressBar } from '../progress-bar.js';

const FINAL: readonly string[] = FINAL_TRAINING_JOB_STATES;

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

async function follow(steward: StewardClient, id: string): Promise<TrainingJob> {
  const bar = new ProgressBar(`train ${id}`);
  for (;;) {
    const job = await steward.get('/api/training/jobs/{id}', { params: { path: { id } } });
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
      const steward = stewardClient();
      const job = await steward.post('/api/training/jobs', {
        body: {
        backend: o.backend,
        method: o.method as RequestBodyOf<'/api/training/jobs'>['method'],
        baseModel: o.base,
        outputModel: o.output,
        datasetVersionId: o.datasetVersion,
        // The server validates each item: the CLI passes on the file's lines.
        items: o.data ? (readItems(o.data) as RequestBodyOf<'/api/training/jobs'>['items']) : undefined,
        hyperParameters,
        backendConfig: o.config ? (JSON.parse(o.config) as Record<string, unknown>) : undefined,
        },
      });
      const final = o.wait ? await follow(steward, job.id) : job;
      if (o.json) return printJson(final);
      if (!o.wait) process.stdout.write(`${job.id} ${job.state}\n`);
      if (final.state === 'failed') process.exitCode = 1;
    });

  train
    .command('status [id]')
    .description('One job, or the recent jobs')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, o: { json?: boolean }) => {
      const steward = stewardClient();
      if (id) {
        const job = await steward.get('/api/training/jobs/{id}', { params: { path: { id } } });
        return o.json ? printJson(job) : printTable([job], ['id', 'state', 'attempt', 'progress', 'step', 'totalSteps', 'etaSeconds', 'lastLoss', 'modelVersionId', 'error']);
      }
      const page = await steward.get('/api/training/jobs');
      if (o.json) return printJson(page.data);
      printTable(page.data, ['id', 'name', 'backend', 'method', 'state', 'progress', 'lastLoss', 'createdAt']);
    });

  train
    .command('logs <id>')
    .description('Log lines of a job (--follow to keep reading)')
    .option('-f, --follow', 'follow until the job finishes')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { follow?: boolean; json?: boolean }) => {
      const steward = stewardClient();
      let after = 0;
      for (;;) {
        const page = await steward.get('/api/training/jobs/{id}/logs', { params: { path: { id }, query: { kind: 'log', after } } });
        for (const line of page.data) process.stdout.write(o.json ? `${JSON.stringify(line)}\n` : `${line.at} ${line.level.padEnd(5)} ${line.message}\n`);
        if (page.data.length) after = page.data[page.data.length - 1].seq;
        if (!o.follow) return;
        const job = await steward.get('/api/training/jobs/{id}', { params: { path: { id } } });
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
        const job = await stewardClient().post(verb === 'cancel' ? '/api/training/jobs/{id}/cancel' : '/api/training/jobs/{id}/retry', { params: { path: { id } } });
        if (o.json) return printJson(job);
        process.stdout.write(`${job.id} ${job.state} (attempt ${job.attempt})\n`);
      });
  }

  const pipelines = program.command('pipelines').description('Retraining pipelines (the loop)');
  pipelines
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const page = await stewardClient().get('/api/pipelines');
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
      // The server validates the definition: the CLI passes on what the file holds.
      const created = await stewardClient().post('/api/pipelines', { body: body as RequestBodyOf<'/api/pipelines'> });
      if (o.json) return printJson(created);
      process.stdout.write(`pipeline ${created.name} created (${created.enabled ? 'enabled' : 'disabled'})\n`);
    });
  pipelines
    .command('show <name>')
    .description("A pipeline's definition and its recent runs")
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const steward = stewardClient();
      const pipeline = await steward.get('/api/pipelines/{name}', { params: { path: { name } } });
      const runs = await steward.get('/api/pipelines/{name}/runs', { params: { path: { name } } });
      if (o.json) return printJson({ ...pipeline, runs: runs.data });
      process.stdout.write(`# ${pipeline.name} (${pipeline.enabled ? 'enabled' : 'disabled'}, last triggered ${pipeline.lastTriggeredAt ?? 'never'})\n${JSON.stringify(pipeline.definition, null, 2)}\n`);
      if (runs.data.length) printTable(runs.data, ['id', 'trigger', 'status', 'startedAt', 'error']);
    });
  pipelines
    .command('run <name>')
    .description('Start a run and print its steps as they finish')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const steward = stewardClient();
      const run = await steward.post('/api/pipelines/{name}/runs', { params: { path: { name } } });
      let printed = 0;
      for (;;) {
        const state = await steward.get('/api/pipeline-runs/{id}', { params: { path: { id: run.id } } });
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
      const run = await stewardClient().get('/api/pipeline-runs/{id}', { params: { path: { id: runId } } });
      if (o.json) return printJson(run);
      process.stdout.write(`run ${runId} ${run.status}\n`);
      printTable(run.steps, ['name', 'status', 'detail', 'artifacts']);
    });
}
