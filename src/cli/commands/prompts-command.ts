// `steward prompts list|get|create|version|label|render`.
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

function readDefinition(file: string): Record<string, unknown> {
  const text = readLocalFile(file);
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new CliError(`${file} is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`${file} must hold a mapping (template, variables, …)`);
  return value as Record<string, unknown>;
}

function parseVars(pairs: string[] | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--var ${pair}: expected name=value`);
    vars[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return vars;
}

export function registerPromptsCommands(program: Command): void {
  const prompts = program.command('prompts').description('Versioned prompt templates with labels');

  prompts
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/prompts');
      if (o.json) return printJson(data);
      printTable(data, ['name', 'latestVersion', 'labels', 'updatedAt']);
    });

  prompts
    .command('get <name>')
    .description('Show a prompt’s versions')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/prompts/{name}/versions', { params: { path: { name } } });
      if (o.json) return printJson(data);
      printTable(data, ['version', 'kind', 'labels', 'model', 'message', 'createdAt']);
    });

  prompts
    .command('create <name> <file>')
    .description('Create a prompt from a YAML/JSON file (template, variables, kind, examples, params)')
    .option('--label <label...>', 'labels for the first version')
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, o: { label?: string[]; json?: boolean }) => {
      // The server validates the definition: the CLI passes on what the file holds.
      const v = await stewardClient().post('/api/prompts', { body: { name, ...readDefinition(file), labels: o.label } as RequestBodyOf<'/api/prompts'> });
      if (o.json) return printJson(v);
      process.stdout.write(`created ${name} version ${v.version}\n`);
    });

  prompts
    .command('version <name> <file>')
    .description('Add a version from a YAML/JSON file')
    .option('--label <label...>', 'labels to point at it')
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, o: { label?: string[]; json?: boolean }) => {
      const body = { ...readDefinition(file), labels: o.label } as RequestBodyOf<'/api/prompts/{name}/versions'>;
      const v = await stewardClient().post('/api/prompts/{name}/versions', { params: { path: { name } }, body });
      if (o.json) return printJson(v);
      process.stdout.write(`${name} version ${v.version}\n`);
    });

  prompts
    .command('label <name> <label> <version>')
    .description('Point a label at a version')
    .option('--reason <text>')
    .action(async (name: string, label: string, version: string, o: { reason?: string }) => {
      await stewardClient().put('/api/prompts/{name}/labels/{label}', { params: { path: { name, label } }, body: { version: Number(version), reason: o.reason } });
      process.stdout.write(`${name}@${label} → ${version}\n`);
    });

  prompts
    .command('render <name>')
    .description('Render to messages (strict: every variable needs a value)')
    .option('--var <name=value...>', 'variables')
    .option('--label <label>')
    // Not --version: that is the CLI's own (it printed the CLI's version instead of rendering).
    .option('--prompt-version <n>', 'render this version (default: the label, else the latest)')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { var?: string[]; label?: string; promptVersion?: string; json?: boolean }) => {
      const r = await stewardClient().post('/api/prompts/{name}/render', {
        params: { path: { name } },
        body: { variables: parseVars(o.var), label: o.label, version: o.promptVersion === undefined ? undefined : Number(o.promptVersion) },
      });
      if (o.json) return printJson(r);
      for (const m of r.messages) process.stdout.write(`[${m.role}] ${m.content}\n`);
    });
}
