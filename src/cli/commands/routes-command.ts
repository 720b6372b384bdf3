// `steward routes list|get|set|delete|revisions`: the names clients call, changed from a YAML or JSON file.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ApiClient, CliError } from '../api-client.js';
import { printJson, printTable } from '../output.js';

interface Route {
  name: string;
  revision: number;
  config: { policy: string; targets: { model: string; weight: number }[] };
  updatedAt: string;
}

interface Revision {
  name: string;
  revision: number;
  actor: { name: string };
  reason: string | null;
  createdAt: string;
  config: unknown;
}

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

const enc = encodeURIComponent;

export function registerRoutesCommands(program: Command): void {
  const routes = program.command('routes').description('Manage gateway routes (every change is a revision)');

  routes
    .command('list')
    .description('List routes')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { data } = await new ApiClient().get<{ data: Route[] }>('/api/routes');
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
      const route = await new ApiClient().get<Route>(`/api/routes/${enc(name)}`);
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
      const route = await new ApiClient().put<Route>(`/api/routes/${enc(config.name)}`, { config, reason: options.reason });
      if (options.json) return printJson(route);
      process.stdout.write(`route ${route.name} is at revision ${route.revision}\n`);
    });

  routes
    .command('delete <name>')
    .description('Delete a route (its revisions are kept)')
    .option('--reason <text>', 'why')
    .action(async (name: string, options: { reason?: string }) => {
      await new ApiClient().delete(`/api/routes/${enc(name)}${options.reason ? `?reason=${enc(options.reason)}` : ''}`);
      process.stdout.write(`deleted route ${name}\n`);
    });

  routes
    .command('revisions <name>')
    .description('List a route’s revisions, newest first')
    .option('--revision <n>', 'show one revision’s config')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { revision?: string; json?: boolean }) => {
      const client = new ApiClient();
      if (options.revision) {
        const revision = await client.get<Revision>(`/api/routes/${enc(name)}/revisions/${enc(options.revision)}`);
        if (options.json) return printJson(revision);
        process.stdout.write(`${JSON.stringify(revision.config, null, 2)}\n`);
        return;
      }
      const { data } = await client.get<{ data: Revision[] }>(`/api/routes/${enc(name)}/revisions`);
      if (options.json) return printJson(data);
      printTable(data.map((r) => ({ revision: r.revision, actor: r.actor.name, reason: r.reason, deleted: r.config === null ? 'yes' : '', createdAt: r.createdAt })), ['revision', 'actor', 'reason', 'deleted', 'createdAt']);
    });
}
