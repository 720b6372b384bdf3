// `steward audit list|verify|export`. `verify --file` checks an exported archive locally with the
// master key (never sent anywhere); the others ask the server.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { MASTER_KEY_FILE, parseMasterKey, verifyAuditExport } from '../../governance/index.js';
import type { QueryOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Read and verify the audit log');

  audit
    .command('verify')
    .description('Check the HMAC chain (on the server, or an export with --file); exits 1 and names the first changed or removed row')
    .option('--file <path>', 'verify an export written by `steward audit export`, locally, with the master key')
    .option('--master-key-file <path>', 'with --file: the master key file (default STEWARD_MASTER_KEY, else <data dir>/master.key)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean; file?: string; masterKeyFile?: string }) => {
      const result = options.file
        ? await verifyAuditExport(createInterface({ input: createReadStream(options.file), crlfDelay: Number.POSITIVE_INFINITY }), localMasterKey(options.masterKeyFile))
        : await stewardClient().get('/api/audit/verify');
      if (options.json) printJson(result);
      else if (result.ok) process.stdout.write(`audit log intact: ${result.checked} rows verified\n`);
      if (!result.ok) throw new CliError(`audit log broken at row ${result.firstBrokenSeq}: ${result.reason}`);
    });

  audit
    .command('export')
    .description('Write the whole audit log with its verification material (JSON lines) for an external archive (owner key)')
    .option('--out <path>', 'write to this file instead of stdout')
    .action(async (options: { out?: string }) => {
      // JSON lines, as written: the archive is kept byte for byte.
      const body = await stewardClient().get('/api/audit/export', { parseAs: 'text' });
      if (options.out) writeFileSync(options.out, body, { mode: 0o600 });
      else process.stdout.write(body);
    });

  audit
    .command('list')
    .description('Show audit entries, oldest first')
    .option('--limit <n>', 'entries per page', '50')
    .option('--cursor <seq>', 'continue after this entry')
    .option('--action <action>', 'only this action, e.g. keys.create')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; cursor?: string; action?: string; json?: boolean }) => {
      // Empty options are left out, as if not given; the server checks the values.
      const query = { limit: options.limit, cursor: options.cursor || undefined, action: options.action || undefined } as unknown as QueryOf<'/api/audit'>;
      const page = await stewardClient().get('/api/audit', { params: { query } });
      if (options.json) return printJson(page);
      printTable(
        page.data.map((e) => ({ ...e, actor: e.actor.name })),
        ['seq', 'at', 'actor', 'action', 'resourceType', 'resourceId'],
      );
      if (page.next_cursor) process.stdout.write(`more: --cursor ${page.next_cursor}\n`);
    });
}

/** The master key for a local verification: a file named by the user, STEWARD_MASTER_KEY, or the data dir's key file. */
function localMasterKey(file: string | undefined): Buffer {
  if (file) return parseMasterKey(readFileSync(file, 'utf8'));
  if (process.env.STEWARD_MASTER_KEY) return parseMasterKey(process.env.STEWARD_MASTER_KEY);
  const path = join(process.env.STEWARD_DATA_DIR ?? './.steward', MASTER_KEY_FILE);
  if (!existsSync(path)) throw new CliError(`no master key: pass --master-key-file, set STEWARD_MASTER_KEY, or run where ${path} exists`);
  return parseMasterKey(readFileSync(path, 'utf8'));
}
