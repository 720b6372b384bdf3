// `steward secrets list|set|delete|rotate-master-key`.
import type { Command } from 'commander';
import { stewardClient } from '../cli-client.js';
import { printJson, printTable } from '../output.js';

export function registerSecretsCommands(program: Command): void {
  const secrets = program.command('secrets').description('Encrypted provider credentials');

  secrets
    .command('list')
    .description('List secrets (values are never shown)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const page = await stewardClient().get('/api/secrets');
      if (options.json) return printJson(page.data);
      printTable(page.data, ['name', 'value', 'createdAt', 'updatedAt']);
    });

  secrets
    .command('set <name>')
    .description('Store a secret; the value is read from stdin so it never lands in shell history')
    .action(async (name: string) => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      const value = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
      await stewardClient().put('/api/secrets/{name}', { params: { path: { name } }, body: { value } });
      process.stdout.write(`stored secret ${name}\n`);
    });

  secrets
    .command('delete <name>')
    .description('Delete a secret')
    .action(async (name: string) => {
      await stewardClient().delete('/api/secrets/{name}', { params: { path: { name } } });
      process.stdout.write(`deleted secret ${name}\n`);
    });

  secrets
    .command('rotate-master-key')
    .description('Re-encrypt every secret under a new master key, in one transaction')
    .option('--new-key <key>', 'the new key (required when the key comes from STEWARD_MASTER_KEY)')
    .option('--json', 'print JSON')
    .action(async (options: { newKey?: string; json?: boolean }) => {
      const result = await stewardClient().post('/api/secrets/rotate-master-key', { body: { newKey: options.newKey } });
      if (options.json) return printJson(result);
      process.stdout.write(`re-encrypted ${result.rotated} secrets; new key fingerprint ${result.fingerprint}\n`);
    });
}
