// `steward traces list|get`: gateway requests with their route, target, attempts, tokens, cost and timings.
import type { Command } from 'commander';
import type { QueryOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { printJson, printTable } from '../output.js';

const COLUMNS = ['id', 'createdAt', 'requestedModel', 'provider', 'model', 'status', 'httpStatus', 'tokensIn', 'tokensOut', 'costUsd', 'latencyMs', 'cacheHit'];

export function registerTracesCommands(program: Command): void {
  const traces = program.command('traces').description('Read gateway traces');

  traces
    .command('list')
    .description('List traces, newest first')
    .option('--route <route>', 'only this route')
    .option('--model <model>', 'requested or upstream model')
    .option('--status <status>', 'ok or error')
    .option('--key <keyId>', 'only this API key')
    .option('--from <time>', 'ISO 8601 start (inclusive)')
    .option('--to <time>', 'ISO 8601 end (exclusive)')
    .option('--limit <n>', 'how many', '50')
    .option('--cursor <cursor>', 'next_cursor of the previous page')
    .option('--json', 'print JSON')
    .action(async (options: { route?: string; model?: string; status?: string; key?: string; from?: string; to?: string; limit: string; cursor?: string; json?: boolean }) => {
      // Empty options are left out, as if not given; the server checks the values.
      const given = (value: string | undefined) => value || undefined;
      const query = {
        limit: options.limit,
        route: given(options.route),
        model: given(options.model),
        status: given(options.status),
        keyId: given(options.key),
        from: given(options.from),
        to: given(options.to),
        cursor: given(options.cursor),
      } as unknown as QueryOf<'/api/traces'>;
      const page = await stewardClient().get('/api/traces', { params: { query } });
      if (options.json) return printJson(page);
      printTable(page.data, COLUMNS);
      if (page.next_cursor) process.stderr.write(`more: --cursor ${page.next_cursor}\n`);
    });

  traces
    .command('get <id>')
    .description('Show one trace with its attempts, bodies and feedback')
    .action(async (id: string) => {
      printJson(await stewardClient().get('/api/traces/{id}', { params: { path: { id } } }));
    });
}
