// `steward apply [--file F] [--dry-run]` and `steward export [--file F]`: GitOps for models,
// versions, prompts and routes through the declarative part of steward.yaml.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { ConfigSchema } from '../../config/config-schema.js';
import { ANNOTATION_PREFIX } from '../../declarative/annotations.js';
import { RESOURCE_SECTIONS } from '../../declarative/declarative-document.js';
import { closestNames } from '../../references/closest-names.js';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

const RESOURCE_KEYS = RESOURCE_SECTIONS;

function readDocument(file: string): Record<string, unknown> {
  const text = readLocalFile(file);
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new CliError(`${file} is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`${file} must hold a mapping`);
  // Server settings (server, store, security…) in the same file are not resources; anything that is
  // neither (a misspelt `modles:`) is refused here, or it would apply nothing and exit 0.
  const source = value as Record<string, unknown>;
  const known = Object.keys(ConfigSchema.shape);
  const unknown = Object.keys(source).filter((k) => !k.startsWith(ANNOTATION_PREFIX) && !known.includes(k));
  if (unknown.length > 0) {
    const close = closestNames(unknown[0] ?? '', known);
    throw new CliError(`${file}: unknown top-level key ${unknown[0]}${close.length ? ` (did you mean ${close.join(' or ')}?)` : ''}`);
  }
  return Object.fromEntries(RESOURCE_KEYS.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

export function registerApplyCommands(program: Command): void {
  program
    .command('apply')
    .description('Apply the models, versions, prompts and routes of steward.yaml (one transaction; idempotent)')
    .option('-f, --file <file>', 'the file to apply (default: STEWARD_CONFIG or ./steward.yaml)')
    .option('--dry-run', 'show the plan without changing anything')
    .option('--json', 'print JSON')
    .action(async (o: { file?: string; dryRun?: boolean; json?: boolean }) => {
      const file = o.file ?? process.env.STEWARD_CONFIG ?? 'steward.yaml';
      // The server validates the document's resources: the CLI passes on the file's sections.
      const body = { document: readDocument(file), dryRun: o.dryRun ?? false } as RequestBodyOf<'/api/apply'>;
      const result = await stewardClient().post('/api/apply', { body });
      if (o.json) return printJson(result);
      const sign: Record<string, string> = { create: '+', update: '~', unchanged: '=', skipped: '!' };
      for (const e of result.plan) process.stdout.write(`${sign[e.action] ?? '?'} ${e.kind} ${e.name}${e.detail ? ` (${e.detail})` : ''}\n`);
      const s = result.summary;
      const verb = o.dryRun ? 'would change' : result.applied ? 'applied' : 'nothing to apply;';
      process.stdout.write(`${verb} ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.skipped} skipped\n`);
    });

  program
    .command('export')
    .description('Write the current models, prompts and routes in the steward.yaml format')
    .option('-f, --file <file>', 'write to this file instead of stdout')
    .option('--json', 'print JSON')
    .action(async (o: { file?: string; json?: boolean }) => {
      const doc = await stewardClient().get('/api/export');
      const text = o.json ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc);
      if (o.file) {
        writeFileSync(o.file, text);
        process.stderr.write(`wrote ${o.file}\n`);
      } else process.stdout.write(text);
    });
}
