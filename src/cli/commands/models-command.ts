// `steward models list|get|versions|register|promote|alias|deprecate|approve|history`.
import type { Command } from 'commander';
import type { RequestBodyOf, ResponseOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

type Version = ResponseOf<'/api/models/{name}/versions'>['data'][number];

function parseJsonOption(value: string | undefined, what: string): unknown {
  if (value === undefined) return undefined;
  const text = value.startsWith('@') ? readLocalFile(value.slice(1)) : value;
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${what} is not valid JSON (give JSON, or @file)`);
  }
}

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('The model registry: models, versions, stages, aliases');

  models
    .command('list')
    .description('List models with their aliases')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/models');
      if (o.json) return printJson(data);
      printTable(data.map((m) => ({ ...m, aliases: Object.entries(m.aliases).map(([a, v]) => `${a}→${v}`).join(' ') })), ['name', 'versionCount', 'aliases', 'gates', 'updatedAt']);
    });

  models
    .command('get <name>')
    .description('Show a model, its card and its versions')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const steward = stewardClient();
      const params = { path: { name } };
      const [model, card, versions] = await Promise.all([steward.get('/api/models/{name}', { params }), steward.get('/api/models/{name}/card', { params }), steward.get('/api/models/{name}/versions', { params })]);
      if (o.json) return printJson({ model, card, versions: versions.data });
      printJson(model);
      printTable(versionRows(versions.data), VERSION_COLUMNS);
    });

  models
    .command('versions <name>')
    .description('List versions with stage, deprecation and sunset dates')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/models/{name}/versions', { params: { path: { name } } });
      if (o.json) return printJson(data);
      printTable(versionRows(data), VERSION_COLUMNS);
    });

  models
    .command('create <name>')
    .description('Create a model')
    .option('--description <text>')
    .option('--tag <tag...>', 'tags')
    .option('--gate <gate...>', 'gates a promotion to production must pass')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { description?: string; tag?: string[]; gate?: string[]; json?: boolean }) => {
      const model = await stewardClient().post('/api/models', { body: { name, description: o.description, tags: o.tag, gates: o.gate } });
      if (o.json) return printJson(model);
      process.stdout.write(`created model ${model.name}\n`);
    });

  models
    .command('register <name>')
    .description('Register a new immutable version: --provider P --model M [--params JSON], or --spec JSON')
    .option('--provider <provider>')
    .option('--model <model>')
    .option('--params <json>', 'fixed parameters, JSON or @file')
    .option('--spec <json>', 'the whole spec, JSON or @file')
    .option('--training-job <id>', 'the training job that made it')
    .option('--dataset-version <id...>', 'dataset versions it was trained on')
    .option('--description <text>')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { provider?: string; model?: string; params?: string; spec?: string; trainingJob?: string; datasetVersion?: string[]; description?: string; json?: boolean }) => {
      const spec = o.spec ? parseJsonOption(o.spec, '--spec') : { provider: o.provider, model: o.model, params: parseJsonOption(o.params, '--params') };
      if (!o.spec && (!o.provider || !o.model)) throw new CliError('give --provider and --model, or --spec');
      // The server validates the spec: the CLI passes on what the user gave.
      const body = { spec, source: o.trainingJob ? { kind: 'training_job', jobId: o.trainingJob } : undefined, datasetVersionIds: o.datasetVersion, description: o.description } as RequestBodyOf<'/api/models/{name}/versions'>;
      const version = await stewardClient().post('/api/models/{name}/versions', { params: { path: { name } }, body });
      if (o.json) return printJson(version);
      process.stdout.write(`registered ${version.name}\n`);
    });

  models
    .command('promote <name> <version> <stage>')
    .description('Move a version to staging, production, deprecated or retired (production checks the gates)')
    .option('--reason <text>')
    .option('--eval-run <id>', 'the evaluation run that allows it')
    .option('--force', 'skip failing gates (needs --reason; audited)')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string, stage: string, o: { reason?: string; evalRun?: string; force?: boolean; json?: boolean }) => {
      const body = { stage: stage as RequestBodyOf<'/api/models/{name}/versions/{version}/stage'>['stage'], reason: o.reason, evalRunId: o.evalRun, force: o.force ?? false };
      const v = await stewardClient().post('/api/models/{name}/versions/{version}/stage', { params: { path: { name, version } }, body });
      if (o.json) return printJson(v);
      process.stdout.write(`${v.name} is now ${v.status}\n`);
    });

  models
    .command('approve <name> <version> <gate>')
    .description('Approve a gate of a version by hand')
    .option('--reason <text>')
    .action(async (name: string, version: string, gate: string, o: { reason?: string }) => {
      await stewardClient().post('/api/models/{name}/versions/{version}/approvals', { params: { path: { name, version } }, body: { gate, reason: o.reason } });
      process.stdout.write(`approved gate ${gate} for ${name} ${version}\n`);
    });

  models
    .command('alias <name> <alias> <version>')
    .description('Point an alias at a version')
    .option('--reason <text>')
    .option('--json', 'print JSON')
    .action(async (name: string, alias: string, version: string, o: { reason?: string; json?: boolean }) => {
      const { data } = await stewardClient().put('/api/models/{name}/aliases/{alias}', { params: { path: { name, alias } }, body: { version, reason: o.reason } });
      if (o.json) return printJson(data);
      const last = data[data.length - 1];
      process.stdout.write(`${name}@${alias}: ${last?.from ?? '(none)'} → ${last?.to}\n`);
    });

  models
    .command('deprecate <name> <version>')
    .description('Deprecate a version, optionally with a sunset date after which the gateway answers 410')
    .requiredOption('--reason <text>')
    .option('--sunset <time>', 'ISO 8601 time')
    .option('--replacement <version>')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string, o: { reason: string; sunset?: string; replacement?: string; json?: boolean }) => {
      const v = await stewardClient().post('/api/models/{name}/versions/{version}/deprecate', { params: { path: { name, version } }, body: { reason: o.reason, sunsetAt: o.sunset, replacement: o.replacement } });
      if (o.json) return printJson(v);
      process.stdout.write(`${v.name} deprecated${v.sunsetAt ? `; sunset ${v.sunsetAt}` : ''}\n`);
    });

  models
    .command('history <name> [version]')
    .description('Stage history of a version, or alias history of the model')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string | undefined, o: { json?: boolean }) => {
      const steward = stewardClient();
      const { data } = version
        ? await steward.get('/api/models/{name}/versions/{version}/history', { params: { path: { name, version } } })
        : await steward.get('/api/models/{name}/aliases', { params: { path: { name } } });
      if (o.json) return printJson(data);
      const rows = data.map((r) => ({ ...r, actor: r.actor.name }));
      printTable(rows, version ? ['at', 'from', 'to', 'actor', 'reason', 'evalRunId', 'forced'] : ['at', 'alias', 'from', 'to', 'actor', 'reason', 'evalRunId']);
    });
}

const VERSION_COLUMNS = ['name', 'status', 'target', 'aliases', 'deprecatedAt', 'sunsetAt', 'createdAt'];

function versionRows(versions: Version[]): Record<string, unknown>[] {
  return versions.map((v) => ({ ...v, target: v.spec.artifact ? `builtin:${v.spec.artifact.path}` : `${v.spec.provider}/${v.spec.model}`, aliases: v.aliases.join(' ') }));
}
