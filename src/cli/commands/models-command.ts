// `steward models list|get|versions|register|promote|alias|deprecate|approve|history`.
import type { Command } from 'commander';
import { ApiClient, CliError } from '../api-client.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

interface Version {
  name: string;
  status: string;
  spec: { provider: string; model?: string; artifact?: { path: string } };
  aliases: string[];
  deprecatedAt: string | null;
  sunsetAt: string | null;
  createdAt: string;
}

const enc = encodeURIComponent;

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
      const { data } = await new ApiClient().get<{ data: Record<string, unknown>[] }>('/api/models');
      if (o.json) return printJson(data);
      printTable(data.map((m) => ({ ...m, aliases: Object.entries(m.aliases as Record<string, string>).map(([a, v]) => `${a}→${v}`).join(' ') })), ['name', 'versionCount', 'aliases', 'gates', 'updatedAt']);
    });

  models
    .command('get <name>')
    .description('Show a model, its card and its versions')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const api = new ApiClient();
      const [model, card, versions] = await Promise.all([api.get(`/api/models/${enc(name)}`), api.get(`/api/models/${enc(name)}/card`), api.get<{ data: Version[] }>(`/api/models/${enc(name)}/versions`)]);
      if (o.json) return printJson({ model, card, versions: versions.data });
      printJson(model);
      printTable(versionRows(versions.data), VERSION_COLUMNS);
    });

  models
    .command('versions <name>')
    .description('List versions with stage, deprecation and sunset dates')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const { data } = await new ApiClient().get<{ data: Version[] }>(`/api/models/${enc(name)}/versions`);
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
      const model = await new ApiClient().post<{ name: string }>('/api/models', { name, description: o.description, tags: o.tag, gates: o.gate });
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
      const version = await new ApiClient().post<Version>(`/api/models/${enc(name)}/versions`, {
        spec,
        source: o.trainingJob ? { kind: 'training_job', jobId: o.trainingJob } : undefined,
        datasetVersionIds: o.datasetVersion,
        description: o.description,
      });
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
      const v = await new ApiClient().post<Version>(`/api/models/${enc(name)}/versions/${enc(version)}/stage`, { stage, reason: o.reason, evalRunId: o.evalRun, force: o.force ?? false });
      if (o.json) return printJson(v);
      process.stdout.write(`${v.name} is now ${v.status}\n`);
    });

  models
    .command('approve <name> <version> <gate>')
    .description('Approve a gate of a version by hand')
    .option('--reason <text>')
    .action(async (name: string, version: string, gate: string, o: { reason?: string }) => {
      await new ApiClient().post(`/api/models/${enc(name)}/versions/${enc(version)}/approvals`, { gate, reason: o.reason });
      process.stdout.write(`approved gate ${gate} for ${name} ${version}\n`);
    });

  models
    .command('alias <name> <alias> <version>')
    .description('Point an alias at a version')
    .option('--reason <text>')
    .option('--json', 'print JSON')
    .action(async (name: string, alias: string, version: string, o: { reason?: string; json?: boolean }) => {
      const { data } = await new ApiClient().put<{ data: { from: string | null; to: string }[] }>(`/api/models/${enc(name)}/aliases/${enc(alias)}`, { version, reason: o.reason });
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
      const v = await new ApiClient().post<Version>(`/api/models/${enc(name)}/versions/${enc(version)}/deprecate`, { reason: o.reason, sunsetAt: o.sunset, replacement: o.replacement });
      if (o.json) return printJson(v);
      process.stdout.write(`${v.name} deprecated${v.sunsetAt ? `; sunset ${v.sunsetAt}` : ''}\n`);
    });

  models
    .command('history <name> [version]')
    .description('Stage history of a version, or alias history of the model')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string | undefined, o: { json?: boolean }) => {
      const path = version ? `/api/models/${enc(name)}/versions/${enc(version)}/history` : `/api/models/${enc(name)}/aliases`;
      const { data } = await new ApiClient().get<{ data: Record<string, unknown>[] }>(path);
      if (o.json) return printJson(data);
      const rows = data.map((r) => ({ ...r, actor: (r.actor as { name: string }).name }));
      printTable(rows, version ? ['at', 'from', 'to', 'actor', 'reason', 'evalRunId', 'forced'] : ['at', 'alias', 'from', 'to', 'actor', 'reason', 'evalRunId']);
    });
}

const VERSION_COLUMNS = ['name', 'status', 'target', 'aliases', 'deprecatedAt', 'sunsetAt', 'createdAt'];

function versionRows(versions: Version[]): Record<string, unknown>[] {
  return versions.map((v) => ({ ...v, target: v.spec.artifact ? `builtin:${v.spec.artifact.path}` : `${v.spec.provider}/${v.spec.model}`, aliases: v.aliases.join(' ') }));
}
