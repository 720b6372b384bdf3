// `steward audit list|verify`.
import type { Command } from 'commander';
import { ApiClient, CliError } from '../api-client.js';
import { printJson, printTable } from '../output.js';

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Read and verify the audit log');

  audit
    .command('verify')
    .description('Check the hash chain; exits 1 and names the first changed or removed row')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await new ApiClient().get<Verification>('/api/audit/verify');
      if (options.json) printJson(result);
      else if (result.ok) process.stdout.write(`audit log intact: ${result.checked} rows verified\n`);
      if (!result.ok) throw new CliError(`audit log broken at row ${result.firstBrokenSeq}: ${result.reason}`);
    });

  audit
    .command('list')
    .description('Show audit entries, oldest first')
    .option('--limit <n>', 'entries per page', '50')
    .option('--cursor <seq>', 'continue after this entry')
    .option('--action <action>', 'only this action, e.g. keys.create')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; cursor?: string; action?: string; json?: boolean }) => {
      const params = new URLSearchParams({ limit: options.limit });
      if (options.cursor) params.set('cursor', options.cursor);
      if (options.action) params.set('action', options.action);
      const page = await new ApiClient().get<{ data: Record<string, unknown>[]; next_cursor: string | null }>(`/api/audit?${params}`);
      if (options.json) return printJson(page);
      printTable(
        page.data.map((e) => ({ ...e, actor: (e.actor as { name: string }).name })),
        ['seq', 'at', 'actor', 'action', 'resourceType', 'resourceId'],
      );
      if (page.next_cursor) process.stdout.write(`more: --cursor ${page.next_cursor}\n`);
    });
}
