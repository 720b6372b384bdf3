// `steward annotate queues|create|next|score|agreement`: annotation queues from the terminal.
import type { Command } from 'commander';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

export function registerAnnotateCommands(program: Command): void {
  const annotate = program.command('annotate').description('Annotation queues: review traces with a score schema');
  annotate
    .command('queues')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const page = await stewardClient().get('/api/annotation/queues');
      if (o.json) return printJson(page.data);
      printTable(page.data, ['id', 'name', 'items', 'annotated', 'perItem', 'annotators']);
    });
  annotate
    .command('create <name>')
    .description('Create a queue from a trace filter')
    .requiredOption('--schema <json>', 'score schema JSON or @file.json: { fields: [...] }')
    .option('--route <route>')
    .option('--thumb <thumb>', 'only traces with this feedback thumb (up or down)')
    .option('--limit <n>', 'at most this many traces', (v) => Number(v))
    .option('--annotator <keyIds...>', 'annotator key ids')
    .option('--per-item <n>', 'annotators per item', (v) => Number(v), 1)
    .action(async (name: string, o: { schema: string; route?: string; thumb?: string; limit?: number; annotator?: string[]; perItem: number }) => {
      const schema = JSON.parse(o.schema.startsWith('@') ? readLocalFile(o.schema.slice(1)) : o.schema) as unknown;
      // The server validates the schema and filter: the CLI passes on what the user gave.
      const body = { name, schema, filter: { route: o.route, thumb: o.thumb, limit: o.limit }, annotators: o.annotator, perItem: o.perItem } as RequestBodyOf<'/api/annotation/queues'>;
      const created = await stewardClient().post('/api/annotation/queues', { body });
      process.stdout.write(`${created.id} ${name}: ${created.items} items\n`);
    });
  annotate
    .command('next <queue>')
    .description('The next item for your key')
    .action(async (queue: string) => {
      const next = await stewardClient().get('/api/annotation/queues/{id}/next', { params: { path: { id: queue } } });
      printJson(next.item);
    });
  annotate
    .command('score <queue> <traceId> <values>')
    .description('Annotate an item: values as JSON, e.g. {"helpful":"yes","quality":4}')
    .action(async (queue: string, traceId: string, values: string) => {
      const body = { values: JSON.parse(values) } as RequestBodyOf<'/api/annotation/queues/{id}/items/{traceId}'>;
      const saved = await stewardClient().post('/api/annotation/queues/{id}/items/{traceId}', { params: { path: { id: queue, traceId } }, body });
      process.stdout.write(`${saved.id}\n`);
    });
  annotate
    .command('agreement <queue>')
    .option('--json', 'print JSON')
    .action(async (queue: string, o: { json?: boolean }) => {
      const page = await stewardClient().get('/api/annotation/queues/{id}/agreement', { params: { path: { id: queue } } });
      if (o.json) return printJson(page.data);
      printTable(page.data, ['field', 'items', 'alpha', 'cohensKappa']);
    });
}
