// Data that is never silently dropped, over the real server on every engine and through the real
// CLI: an unknown field is an error naming the field and the line (unless mapped or kept as
// metadata), an export with nothing to write is an error naming the missing field and a partial one
// says what it skipped, deep nesting and a JSON body on the stream route are 4xx (never a 500), and
// CSV cells that a spreadsheet would run as formulas are escaped (and read back unchanged).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const EXPECTED_ROWS = [
  { input: 'capital of France?', expected: 'Paris' },
  { input: 'capital of Italy?', expected: 'Rome' },
];
const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

function deep(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

for (const engine of ENGINES) {
  describe(`strict dataset import and export (${engine.name})`, () => {
    let steward: TestSteward;
    const upload = (name: string, body: string, query = '', contentType = 'application/x-ndjson') =>
      fetch(`${steward.url}/api/datasets/${name}/versions/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${steward.adminKey}`, 'content-type': contentType }, body });

    beforeAll(async () => {
      steward = await startTestSteward(engine);
      for (const name of ['strict', 'kept', 'mapped', 'exports', 'deep', 'formulas']) expect((await steward.api('POST', '/api/datasets', { body: { name } })).status).toBe(201);
    });
    afterAll(async () => {
      await steward?.close();
    });

    it('refuses an unknown field by name and line; --keep-unknown keeps it under metadata; a mapping renames it', async () => {
      const refused = await upload('strict', jsonl(EXPECTED_ROWS));
      expect(refused.status).toBe(400);
      const error = ((await refused.json()) as { error: { code: string; message: string; details: { fields: string[]; errors: { line: number; message: string }[] } } }).error;
      expect(error.code).toBe('DATASET_FIELD_UNKNOWN');
      expect(error.message).toContain('"expected"');
      expect(error.details.fields).toEqual(['expected']);
      expect(error.details.errors.map((e) => e.line)).toEqual([1, 2]);
      expect((await steward.api('GET', '/api/datasets/strict/versions')).body.data).toEqual([]);

      expect((await upload('kept', jsonl(EXPECTED_ROWS), '?keepUnknown=true')).status).toBe(201);
      const kept = (await steward.api('GET', '/api/datasets/kept/versions/1/items')).body.data as { item: { metadata?: Record<string, unknown>; reference?: string } }[];
      expect(kept[0].item).toMatchObject({ metadata: { expected: 'Paris' } });
      expect(kept[0].item.reference).toBeUndefined();

      expect((await upload('mapped', jsonl(EXPECTED_ROWS), '?map=expected%3Dreference')).status).toBe(201);
      const mapped = (await steward.api('GET', '/api/datasets/mapped/versions/1/items')).body.data as { item: { reference?: string } }[];
      expect(mapped.map((m) => m.item.reference)).toEqual(['Paris', 'Rome']);

      // The JSON items route is as strict, with the same options.
      const items = await steward.api('POST', '/api/datasets/strict/versions', { body: { items: [{ input: 'q', answer: 'a' }] } });
      expect(items.status).toBe(400);
      expect(items.body.error).toMatchObject({ code: 'DATASET_FIELD_UNKNOWN' });
      expect((items.body.error as { message: string }).message).toContain('"answer"');
      const mappedItems = await steward.api('POST', '/api/datasets/strict/versions', { body: { items: [{ input: 'q', answer: 'a' }], map: { answer: 'reference' } } });
      expect(mappedItems.status, mappedItems.text).toBe(201);
      // Curation is as strict: an added item with a field an item does not have is refused by name.
      const curated = await steward.api('POST', '/api/datasets/strict/versions/1/curate', { body: { add: [{ input: 'q2', expected: 'a2' }] } });
      expect(curated.status).toBe(400);
      expect(curated.body.error).toMatchObject({ code: 'DATASET_FIELD_UNKNOWN', details: { field: 'add[0]', fields: ['expected'] } });
    });

    it('refuses an export with nothing to write, naming the missing field; a partial export says what it skipped', async () => {
      expect((await steward.api('POST', '/api/datasets/exports/versions', { body: { items: [{ input: 'no answer here' }, { input: 'nor here' }] } })).status).toBe(201);
      const empty = await steward.api('GET', '/api/datasets/exports/versions/1/export?format=openai-chat');
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ code: 'DATASET_EXPORT_EMPTY', details: { format: 'openai-chat', skipped: 2, missing: { reference: 2 } } });
      expect((empty.body.error as { message: string }).message).toContain('reference');
      const preference = await steward.api('GET', '/api/datasets/exports/versions/1/export?format=preference');
      expect(preference.status).toBe(400);

      expect((await steward.api('POST', '/api/datasets/exports/versions', { body: { items: [{ input: 'q1', reference: 'a1' }, { input: 'q2' }, { input: 'q3', reference: 'a3' }] } })).status).toBe(201);
      const partial = await steward.api('GET', '/api/datasets/exports/versions/2/export?format=openai-chat');
      expect(partial.status).toBe(200);
      expect(partial.text.trim().split('\n')).toHaveLength(2);
      expect(partial.headers.get('x-steward-export-written')).toBe('2');
      expect(partial.headers.get('x-steward-export-skipped')).toBe('1');
      expect(partial.headers.get('x-steward-export-skipped-reasons')).toBe('reference=1');
    });

    it('refuses deeply nested metadata with a 400 before any recursive processing, and a JSON body on the stream route with 415', async () => {
      const item = { input: 'q', metadata: deep(3000) };
      const viaItems = await steward.api('POST', '/api/datasets/deep/versions', { body: { items: [item] } });
      expect(viaItems.status, viaItems.text.slice(0, 300)).toBe(400);
      // The server's JSON body limit (JSON_TOO_DEEP) or the item's own (DATASET_ITEM_TOO_DEEP), whichever is met first.
      expect((viaItems.body.error as { code: string }).code).toMatch(/^(JSON|DATASET_ITEM)_TOO_DEEP$/);
      const viaStream = await upload('deep', `${JSON.stringify(item)}\n`);
      expect(viaStream.status).toBe(400);
      expect(((await viaStream.json()) as { error: { message: string } }).error.message).toMatch(/line 1: .*nest/);

      const json = await upload('deep', JSON.stringify({ items: [{ input: 'q' }] }), '', 'application/json');
      expect(json.status).toBe(415);
      expect(((await json.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('escapes CSV cells that begin with = + - @ and reads them back unchanged', async () => {
      const risky = ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', "'=already quoted"];
      expect((await steward.api('POST', '/api/datasets/formulas/versions', { body: { items: risky.map((input, i) => ({ id: `r${i}`, input, reference: 'ok' })) } })).status).toBe(201);
      const csv = await steward.api('GET', '/api/datasets/formulas/versions/1/export?format=csv');
      const rows = csv.text.trim().split('\r\n').slice(1);
      for (const row of rows) expect(row.split(',')[3].replace(/^"/, '')).toMatch(/^'/);
      expect((await upload('formulas', csv.text, '', 'text/csv')).status).toBe(201);
      const back = (await steward.api('GET', '/api/datasets/formulas/versions/latest/items')).body.data as { item: { input: string } }[];
      expect(back.map((b) => b.item.input)).toEqual(risky);
    });

    it('documents the item fields in /openapi.json', async () => {
      const doc = (await steward.api('GET', '/openapi.json')).text;
      const spec = JSON.parse(doc) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>; components: { schemas: Record<string, unknown> } };
      const body = JSON.stringify(spec.paths['/api/datasets/{name}/versions'].post.requestBody);
      // The item is a named component the body refers to.
      expect(body).toContain('"#/components/schemas/DatasetItemRowInput"');
      const item = JSON.stringify(spec.components.schemas.DatasetItemRowInput);
      for (const field of ['input', 'reference', 'chosen', 'rejected', 'metadata', 'split', 'provenance']) expect(item).toContain(`"${field}"`);
      for (const field of ['keepUnknown', 'map']) expect(body).toContain(`"${field}"`);
    });
  });
}

describe('steward datasets import/export: nothing silently dropped (CLI)', () => {
  let steward: TestSteward;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    steward = await startTestSteward(ENGINES[0]);
    dir = mkdtempSync(join(tmpdir(), 'steward-strict-cli-'));
    env = { STEWARD_URL: steward.url, STEWARD_API_KEY: steward.adminKey };
    expect((await steward.api('POST', '/api/datasets', { body: { name: 'theirs' } })).status).toBe(201);
  });
  afterAll(async () => {
    await steward?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the unknown field and line, maps it with --map, keeps it with --keep-unknown, and fails an empty export', async () => {
    const file = join(dir, 'theirs.jsonl');
    writeFileSync(file, jsonl(EXPECTED_ROWS));
    const refused = await runCli(['datasets', 'import', 'theirs', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"expected"');
    expect(refused.stderr).toContain('line 1');

    const kept = await runCli(['datasets', 'import', 'theirs', file, '--keep-unknown'], env);
    expect(kept.code, kept.stderr).toBe(0);
    const out = join(dir, 'ft.jsonl');
    const empty = await runCli(['datasets', 'export', 'theirs@1', '--format', 'openai-chat', '-o', out], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('DATASET_EXPORT_EMPTY');
    expect(empty.stderr).toContain('reference');

    const mapped = await runCli(['datasets', 'import', 'theirs', file, '--map', 'expected=reference'], env);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toMatch(/created version 2: 2 items/);
    const exported = await runCli(['datasets', 'export', 'theirs@2', '--format', 'openai-chat', '-o', out], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(exported.stderr).toContain('wrote 2 items');
  }, 60_000);
});
