// `steward datasets create|import|list|versions|diff|quality|augment|export|lineage`.
import type { Command } from 'commander';
import { type RequestBodyOf, type ResponseOf, readExportSummary } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { downloadTo, uploadFile } from './upload-stream.js';

/** A new version as every write of one answers it (import, augment). */
type Created = ResponseOf<'/api/datasets/{name}/versions/{version}/augment', 'post'>;

const enc = encodeURIComponent;

function printCreated(created: Created, json?: boolean): void {
  if (json) {
    printJson(created);
    return;
  }
  const v = created.version;
  process.stdout.write(created.unchanged ? `unchanged: same content as version ${v.version} (${v.hash.slice(0, 12)})\n` : `created version ${v.version}: ${v.itemCount} items, ${v.operation}, sha256 ${v.hash.slice(0, 12)}\n`);
  if (created.quality) {
    process.stdout.write(`quality: ${created.quality.status}\n`);
    for (const check of created.quality.report.checks.filter((c) => c.status !== 'pass')) process.stdout.write(`  ${check.status.padEnd(4)} ${check.check}: ${check.summary}\n`);
  }
}

/** `name@version` or `name` (latest). */
function parseRef(ref: string): { name: string; version: string } {
  const at = ref.lastIndexOf('@');
  return at > 0 ? { name: ref.slice(0, at), version: ref.slice(at + 1) } : { name: ref, version: 'latest' };
}

export function registerDatasetsCommands(program: Command): void {
  const datasets = program.command('datasets').description('Datasets: versions, lineage, quality, augmentation, export');

  datasets
    .command('create <name>')
    .description('Create a dataset')
    .option('--description <text>')
    .option('--source <source>', 'provenance: where the data comes from')
    .option('--licence <licence>')
    .option('--consent <consent>')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { description?: string; source?: string; licence?: string; consent?: string; json?: boolean }) => {
      const provenance = Object.fromEntries(Object.entries({ source: o.source, licence: o.licence, consent: o.consent }).filter(([, v]) => v !== undefined));
      const created = await stewardClient().post('/api/datasets', { body: { name, description: o.description, provenance } });
      if (o.json) return printJson(created);
      process.stdout.write(`created dataset ${created.name} (${created.id})\n`);
    });

  datasets
    .command('import <name> <file>')
    .description('Import a JSONL or CSV file as a new version (streamed; all or nothing)')
    .option('--format <format>', 'jsonl or csv (default: from the file extension)')
    .option('--message <text>')
    .option('--source <source>', 'item provenance where missing')
    .option('--licence <licence>')
    .option('--keep-unknown', 'keep fields an item does not have under metadata (default: refuse the file, naming them)')
    .option('--map <from=to>', 'rename a field of the file, e.g. expected=reference or topic=metadata.topic (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, o: { format?: string; message?: string; source?: string; licence?: string; keepUnknown?: boolean; map?: string[]; json?: boolean }) => {
      const format = o.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
      for (const pair of o.map ?? []) {
        if (!/^[^=]+=[^=]+$/.test(pair)) throw new CliError(`--map ${pair}: expected from=to, e.g. --map expected=reference`);
      }
      const query = {
        format,
        filename: file.split('/').pop() ?? file,
        keepUnknown: o.keepUnknown ? 'true' : undefined,
        map: o.map,
        message: o.message || undefined,
        source: o.source || undefined,
        licence: o.licence || undefined,
      };
      // The file goes up as a stream (the document types no body for it); the answer is a new version.
      const created = (await uploadFile(stewardClient(), `/api/datasets/${enc(name)}/versions/import`, query, file, format === 'csv' ? 'text/csv' : 'application/x-ndjson')) as Created;
      printCreated(created, o.json);
    });

  datasets
    .command('list')
    .description('List datasets')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/datasets');
      if (o.json) return printJson(data);
      printTable(data, ['name', 'latestVersion', 'description', 'updatedAt']);
    });

  datasets
    .command('versions <name>')
    .description('List the versions of a dataset, newest first')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/datasets/{name}/versions', { params: { path: { name } } });
      if (o.json) return printJson(data);
      printTable(data.map((v) => ({ ...v, hash: v.hash.slice(0, 12), parents: v.parents.length })), ['version', 'itemCount', 'operation', 'hash', 'parents', 'createdAt', 'message']);
    });

  datasets
    .command('diff <name> <from> <to>')
    .description('Items added, removed and changed between two versions')
    .option('--json', 'print JSON')
    .action(async (name: string, from: string, to: string, o: { json?: boolean }) => {
      const diff = await stewardClient().get('/api/datasets/{name}/diff', { params: { path: { name }, query: { from, to } } });
      if (o.json) return printJson(diff);
      const c = diff.counts;
      process.stdout.write(`+${c.added} added  -${c.removed} removed  ~${c.changed} changed  =${c.unchanged} unchanged\n`);
      for (const item of diff.added) process.stdout.write(`+ ${item.id}\n`);
      for (const item of diff.removed) process.stdout.write(`- ${item.id}\n`);
      for (const item of diff.changed) process.stdout.write(`~ ${item.id}\n`);
    });

  datasets
    .command('quality <ref>')
    .description('Show the quality report of name[@version]; --run to run the checks again')
    .option('--run', 'run the checks now and store the report')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { run?: boolean; json?: boolean }) => {
      const { name, version } = parseRef(ref);
      const steward = stewardClient();
      const params = { path: { name, version } };
      const report = o.run ? await steward.post('/api/datasets/{name}/versions/{version}/quality', { params, body: {} }) : await steward.get('/api/datasets/{name}/versions/{version}/quality', { params });
      if (o.json) return printJson(report);
      process.stdout.write(`quality: ${report.status}\n`);
      printTable(report.report.checks, ['check', 'status', 'summary']);
    });

  datasets
    .command('augment <ref>')
    .description('A new version with augmented items (perturb, counterfactual, paraphrase, synthetic)')
    .requiredOption('--kind <kind>', 'perturb, counterfactual, paraphrase or synthetic')
    .option('--seed <seed>', 'seed for deterministic kinds and synthetic sampling', '0')
    .option('--model <model>', 'model (route or provider/model) for paraphrase and synthetic')
    .option('--count <n>', 'synthetic items to write')
    .option('--perturbations <list>', 'comma-separated: typos,casing,whitespace,synonyms')
    .option('--only-new', 'keep only the new items (default: originals and new items)')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { kind: string; seed: string; model?: string; count?: string; perturbations?: string; onlyNew?: boolean; json?: boolean }) => {
      const { name, version } = parseRef(ref);
      const body: Record<string, unknown> = { kind: o.kind, includeOriginals: !o.onlyNew };
      type Augment = RequestBodyOf<'/api/datasets/{name}/versions/{version}/augment'>;
      if (o.kind !== 'paraphrase') body.seed = Number.isNaN(Number(o.seed)) ? o.seed : Number(o.seed);
      if (o.model) body.model = o.model;
      if (o.count) body.count = Number(o.count);
      if (o.perturbations) body.perturbations = o.perturbations.split(',').map((s) => s.trim());
      // The server validates the kind's options: the CLI passes on what the user gave.
      printCreated(await stewardClient().post('/api/datasets/{name}/versions/{version}/augment', { params: { path: { name, version } }, body: body as Augment }), o.json);
    });

  datasets
    .command('export <ref>')
    .description('Export name[@version]: openai-chat (fine-tuning JSONL), preference, jsonl or csv; streamed')
    .option('--format <format>', 'openai-chat, preference, jsonl or csv', 'jsonl')
    .option('--split <split>', 'train, validation or test')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (ref: string, o: { format: string; split?: string; output?: string }) => {
      const { name, version } = parseRef(ref);
      const headers = await downloadTo(stewardClient(), `/api/datasets/${enc(name)}/versions/${enc(version)}/export`, { format: o.format, split: o.split || undefined }, o.output);
      // A partial export says what it left out (stderr, so stdout stays the data).
      const summary = readExportSummary(headers);
      const reasons = Object.entries(summary.skippedFor).map(([field, count]) => `${count} without ${field}`);
      process.stderr.write(`wrote ${summary.written ?? '?'} items${summary.skipped > 0 ? `; skipped ${summary.skipped} the ${o.format} format cannot hold (${reasons.join(', ')})` : ''}\n`);
    });

  datasets
    .command('lineage <ref>')
    .description('The lineage of name[@version]: what it came from (up) or what was made from it (down)')
    .option('--direction <direction>', 'up or down', 'up')
    .option('--json', 'print JSON')
    .action(async (ref: string, o: { direction: string; json?: boolean }) => {
      if (o.direction !== 'up' && o.direction !== 'down') throw new CliError('--direction must be up or down');
      const { name, version } = parseRef(ref);
      const graph = await stewardClient().get('/api/datasets/{name}/versions/{version}/lineage', { params: { path: { name, version }, query: { direction: o.direction } } });
      if (o.json) return printJson(graph);
      const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
      for (const node of graph.nodes) {
        const related = graph.edges.filter((e) => (o.direction === 'up' ? e.to === node.id : e.from === node.id)).map((e) => labels.get(o.direction === 'up' ? e.from : e.to));
        const arrow = o.direction === 'up' ? '←' : '→';
        process.stdout.write(`${'  '.repeat(node.depth)}${node.label} (${node.operation}, ${node.itemCount} items)${related.length > 0 ? ` ${arrow} ${related.join(', ')}` : ''}\n`);
      }
    });
}
