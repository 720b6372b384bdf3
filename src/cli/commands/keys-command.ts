// `steward keys create|list|revoke|rotate`.
import type { Command } from 'commander';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { printJson, printTable } from '../output.js';

type Role = RequestBodyOf<'/api/keys'>['role'];

const COLUMNS = ['id', 'name', 'prefix', 'role', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt'];

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('Manage API keys');

  keys
    .command('create')
    .description('Create an API key (shown once)')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--role <role>', 'owner, admin, developer, viewer, service or metrics', 'developer')
    .option('--project <project>', 'project id or name')
    .option('--expires-at <time>', 'ISO 8601 time after which it stops working')
    .option('--json', 'print JSON')
    .action(async (options: { name: string; role: string; project?: string; expiresAt?: string; json?: boolean }) => {
      const created = await stewardClient().post('/api/keys', {
        body: { name: options.name, role: options.role as Role, project: options.project, expiresAt: options.expiresAt },
      });
      if (options.json) return printJson(created);
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`created ${created.record.id} (${created.record.role}); the key above is shown only once\n`);
    });

  keys
    .command('list')
    .description('List API keys (prefix only)')
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const page = await stewardClient().get('/api/keys', { params: { query: { includeRevoked: options.all ? 'true' : 'false' } } });
      if (options.json) return printJson(page.data);
      printTable(page.data, COLUMNS);
    });

  keys
    .command('revoke <id>')
    .description('Revoke an API key at once')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const steward = stewardClient();
      const params = { path: { id } };
      const before = await steward.get('/api/keys/{id}', { params });
      const record = await steward.post('/api/keys/{id}/revoke', { params });
      if (options.json) return printJson(record);
      // Revoking is idempotent; say so instead of claiming to revoke it again.
      if (before?.revokedAt) process.stdout.write(`${record.id} (${record.prefix}…) was already revoked at ${before.revokedAt}\n`);
      else process.stdout.write(`revoked ${record.id} (${record.prefix}…)\n`);
    });

  keys
    .command('rotate <id>')
    .description('Issue a replacement key; the old one stops at once or after --grace seconds')
    .option('--grace <seconds>', 'seconds the old key keeps working', '0')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { grace: string; json?: boolean }) => {
      const graceSeconds = Number(options.grace);
      const created = await stewardClient().post('/api/keys/{id}/rotate', { params: { path: { id } }, body: { graceSeconds } });
      if (options.json) return printJson(created);
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`rotated ${id} → ${created.record.id}; the key above is shown only once\n`);
    });
}
