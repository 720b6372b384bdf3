// `steward routes list|get|set|delete|revisions`: the names clients call, changed from a YAML or JSON file.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const value: unknown = parseYaml(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`${file} must hold one route config (a mapping)`);
  return value as Record<string, unknown>;
}

export function registerRoutesCommands(program: Command): void {
  const routes = program.command('routes').description('Manage gateway routes (every change is a revision)');

  routes
    .command('list')
    .description('List routes')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/routes');
      if (options.json) return printJson(data);
      printTable(
        data.map((r) => ({ name: r.name, revision: r.revision, policy: r.config.policy, targets: r.config.targets.map((t) => t.model).join(', '), updatedAt: r.updatedAt })),
        ['name', 'revision', 'policy', 'targets', 'updatedAt'],
      );
    });

  routes
    .command('get <name>')
    .description('Show a route’s current config')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const route = await stewardClient().get('/api/routes/{name}', { params: { path: { name } } });
      if (options.json) return printJson(route);
      process.stdout.write(`# ${route.name} revision ${route.revision} (${route.updatedAt})\n${JSON.stringify(route.config, null, 2)}\n`);
    });

  routes
    .command('set <file>')
    .description('Create or update a route from a YAML or JSON file (- for stdin); adds a revision')
    .option('--reason <text>', 'why (kept with the revision)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { reason?: string; json?: boolean }) => {
      const config = readConfigFile(file);
      if (typeof config.name !== 'string') throw new CliError(`${file} has no name`);
      // The server validates the config: the CLI passes on what the file holds.
      const body = { config, reason: options.reason } as RequestBodyOf<'/api/routes/{name}', 'put'>;
      const route = await stewardClient().put('/api/routes/{name}', { params: { path: { name: config.name } }, body });
      if (options.json) return printJson(route);
      process.stdout.write(`route ${route.name} is at revision ${route.revision}\n`);
    });

  routes
    .command('delete <name>')
    .description('Delete a route (its revisions are kept)')
    .option('--reason <text>', 'why')
    .action(async (name: string, options: { reason?: string }) => {
      await stewardClient().delete('/api/routes/{name}', { params: { path: { name }, query: { reason: options.reason || undefined } } });
      process.stdout.write(`deleted route ${name}\n`);
    });

  routes
    .command('revisions <name>')
    .description('List a route’s revisions, newest first')
    .option('--revision <n>', 'show one revision’s config')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { revision?: string; json?: boolean }) => {
      const steward = stewardClient();
      if (options.revision) {
        // The revision number goes as given: the server says when it is not one.
        const revision = await steward.get('/api/routes/{name}/revisions/{revision}', { params: { path: { name, revision: options.revision as unknown as number } } });
        if (options.json) return printJson(revision);
        process.stdout.write(`${JSON.stringify(revision.config, null, 2)}\n`);
        return;
      }
      const { data } = await steward.get('/api/routes/{name}/revisions', { params: { path: { name } } });
      if (options.json) return printJson(data);
      printTable(data.map((r) => ({ revision: r.revision, actor: r.actor.name, reason: r.reason, deleted: r.config === null ? 'yes' : '', createdAt: r.createdAt })), ['revision', 'actor', 'reason', 'deleted', 'createdAt']);
    });
}
