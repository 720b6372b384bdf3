// `steward feedback add|list`: thumbs, ratings, comments and corrections on traces.
import type { Command } from 'commander';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';

export function registerFeedbackCommands(program: Command): void {
  const feedback = program.command('feedback').description('Feedback on gateway traces');

  feedback
    .command('add <traceId>')
    .description('Attach feedback to a trace')
    .option('--thumb <up|down>', 'thumbs up or down')
    .option('--rating <1-5>', 'a rating from 1 to 5')
    .option('--comment <text>', 'a comment')
    .option('--correction <text>', 'the answer the model should have given')
    .option('--source <source>', 'who gives it: user, annotator, api…', 'annotator')
    .option('--annotator <name>', 'the annotator’s name')
    .option('--json', 'print JSON')
    .action(async (traceId: string, options: { thumb?: string; rating?: string; comment?: string; correction?: string; source: string; annotator?: string; json?: boolean }) => {
      if (!options.thumb && !options.rating && !options.comment && !options.correction) throw new CliError('give --thumb, --rating, --comment or --correction');
      const created = await stewardClient().post('/api/feedback', {
        body: {
        traceId,
        thumb: options.thumb as RequestBodyOf<'/api/feedback'>['thumb'],
        rating: options.rating === undefined ? undefined : Number(options.rating),
        comment: options.comment,
        correction: options.correction,
        source: options.source,
        annotator: options.annotator,
        },
      });
      if (options.json) return printJson(created);
      process.stdout.write(`feedback ${created.id} added to ${traceId}\n`);
    });

  feedback
    .command('list <traceId>')
    .description('List the feedback on a trace')
    .option('--json', 'print JSON')
    .action(async (traceId: string, options: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/traces/{id}/feedback', { params: { path: { id: traceId } } });
      if (options.json) return printJson(data);
      printTable(data, ['id', 'createdAt', 'thumb', 'rating', 'comment', 'correction', 'source', 'annotator']);
    });
}
