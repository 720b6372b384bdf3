// `steward traces list|get`: gateway requests with their route, target, attempts, tokens, cost and timings.
import type { Command } from 'commander';
import { ApiClient } from '../api-client.js';
import { printJson, printTable } from '../output.js';

interface Trace {
  id: string;
  createdAt: string;
  requestedModel: string;
  route: string | null;
  provider: string | null;
  model: string | null;
  status: string;
  httpStatus: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  cacheHit: boolean;
}

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
      const query = new URLSearchParams({ limit: options.limit });
      for (const [name, value] of [['route', options.route], ['model', options.model], ['status', options.status], ['keyId', options.key], ['from', options.from], ['to', options.to], ['cursor', options.cursor]] as const) {
        if (value) query.set(name, value);
      }
      const page = await new ApiClient().get<{ data: Trace[]; next_cursor: string | null }>(`/api/traces?${query}`);
      if (options.json) return printJson(page);
      printTable(page.data as unknown as Record<string, unknown>[], COLUMNS);
      if (page.next_cursor) process.stderr.write(`more: --cursor ${page.next_cursor}\n`);
    });

  traces
    .command('get <id>')
    .description('Show one trace with its attempts, bodies and feedback')
    .action(async (id: string) => {
      printJson(await new ApiClient().get(`/api/traces/${encodeURIComponent(id)}`));
    });
}
