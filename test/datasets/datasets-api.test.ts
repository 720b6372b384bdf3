// Datasets over the real server: import (JSON, streamed JSONL and CSV, all or nothing), content
// hashes, derived versions with lineage both ways, diff, quality reports and streamed export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

interface Version {
  id: string;
  version: number;
  hash: string;
  itemCount: number;
  operation: string;
  parents: string[];
  splits: Record<string, number>;
}
interface Created {
  version: Version;
  unchanged: boolean;
  quality: { status: string; report: { checks: { check: string; status: string; itemIds: string[] }[] } } | null;
}

const ITEMS = [
  { id: 'q1', input: 'What is the capital of France?', reference: 'Paris', split: 'train' },
  { id: 'q2', input: 'What is 2 + 2?', reference: '4', split: 'train' },
  { id: 'q3', input: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Colour of the sky?' }], reference: 'Blue', split: 'test' },
  { id: 'p1', input: 'Say hello', chosen: 'Hello!', rejected: 'Go away.', split: 'train' },
];
const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

for (const engine of ENGINES) {
  describe(`datasets API (${engine.name})`, () => {
    let steward: TestSteward;
    beforeAll(async () => {
      steward = await startTestSteward(engine);
    });
    afterAll(async () => {
      await steward.close();
    });

    async function upload(name: string, body: string, contentType: string, query = '') {
      const response = await fetch(`${steward.url}/api/datasets/${name}/versions/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${steward.adminKey}`, 'content-type': contentType },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('imports JSONL as a content-hashed version; the same content gives the same hash', async () => {
      expect((await steward.api('POST', '/api/datasets', { body: { name: 'qa', provenance: { source: 'handwritten', licence: 'CC-BY-4.0' } } })).status).toBe(201);
      const first = await upload('qa', jsonl(ITEMS), 'application/x-ndjson', '?licence=CC-BY-4.0');
      expect(first.status).toBe(201);
      const created = first.body as unknown as Created;
      expect(created.version.version).toBe(1);
      expect(created.version.itemCount).toBe(4);
      expect(created.version.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(created.version.splits).toMatchObject({ train: 3, test: 1 });
      expect(created.quality?.status).toMatch(/pass|warn|fail/);

      const again = await upload('qa', jsonl(ITEMS), 'application/x-ndjson', '?licence=CC-BY-4.0');
      expect((again.body as unknown as Created).unchanged).toBe(true);
      expect((again.body as unknown as Created).version.hash).toBe(created.version.hash);

      await steward.api('POST', '/api/datasets', { body: { name: 'qa-copy' } });
      const copy = (await steward.api('POST', '/api/datasets/qa-copy/versions', { body: { items: ITEMS, provenance: { licence: 'CC-BY-4.0' } } })).body as unknown as Created;
      expect(copy.version.hash).toBe(created.version.hash);

      const items = await steward.api('GET', '/api/datasets/qa/versions/1/items?limit=2');
      expect(items.body.data).toHaveLength(2);
      expect(items.body.next_cursor).toBe('2');
      const item = (items.body.data as { item: { provenance: { licence: string } } }[])[0].item;
      expect(item.provenance.licence).toBe('CC-BY-4.0');
    });

    it('refuses a JSONL upload with bad lines, naming them, and imports nothing', async () => {
      await steward.api('POST', '/api/datasets', { body: { name: 'broken' } });
      const body = `${JSON.stringify(ITEMS[0])}\n{"input": "ok"}\n{not json\n\n{"reference": "no input"}\n`;
      const result = await upload('broken', body, 'application/x-ndjson');
      expect(result.status).toBe(400);
      const error = result.body.error as { code: string; message: string; details: { errors: { line: number }[] } };
      expect(error.code).toBe('DATASET_IMPORT_INVALID');
      expect(error.details.errors.map((e) => e.line)).toEqual([3, 5]);
      expect(error.message).toContain('nothing was imported');
      const versions = await steward.api('GET', '/api/datasets/broken/versions');
      expect(versions.body.data).toEqual([]);
    });

    it('imports CSV with quoted fields and refuses a CSV without an input column', async () => {
      await steward.api('POST', '/api/datasets', { body: { name: 'csv' } });
      // A `metadata.<key>` column goes under metadata; an unknown column would be refused.
      const csv = 'id,input,reference,split,metadata.topic\r\nc1,"Hello, ""world""",hi,train,greeting\r\nc2,"two\nlines",ok,test,misc\r\n';
      const ok = await upload('csv', csv, 'text/csv');
      expect(ok.status).toBe(201);
      const items = await steward.api('GET', '/api/datasets/csv/versions/latest/items');
      const stored = (items.body.data as { item: { id: string; input: string; metadata: Record<string, string> } }[]).map((e) => e.item);
      expect(stored[0]).toMatchObject({ id: 'c1', input: 'Hello, "world"', metadata: { topic: 'greeting' } });
      expect(stored[1].input).toBe('two\nlines');

      const bad = await upload('csv', 'question,answer\nq,a\n', 'text/csv');
      expect(bad.status).toBe(400);
      expect((bad.body.error as { code: string; message: string }).code).toBe('DATASET_COLUMNS_MISSING');
      expect((bad.body.error as { message: string }).message).toContain('input');
    });

    it('derives versions (filter, split, curate, merge, augment) with lineage both ways and diffs them', async () => {
      const filtered = (await steward.api('POST', '/api/datasets/qa/versions/1/filter', { body: { filter: { splits: ['train'], kind: 'example' } } })).body as unknown as Created;
      expect(filtered.version.operation).toBe('filter');
      expect(filtered.version.itemCount).toBe(2);

      const curated = (
        await steward.api('POST', `/api/datasets/qa/versions/${filtered.version.version}/curate`, {
          body: { remove: ['q2'], update: [{ id: 'q1', input: 'What is the capital of France?', reference: 'Paris, France', split: 'train' }], add: [{ id: 'q9', input: 'New?', reference: 'Yes' }] },
        })
      ).body as unknown as Created;
      expect(curated.version.parents).toEqual([filtered.version.id]);

      const diff = await steward.api('GET', `/api/datasets/qa/diff?from=${filtered.version.version}&to=${curated.version.version}`);
      expect(diff.body.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 0 });
      expect((diff.body.changed as { id: string; after: { reference: string } }[])[0]).toMatchObject({ id: 'q1', after: { reference: 'Paris, France' } });

      const split = (await steward.api('POST', `/api/datasets/qa/versions/${curated.version.version}/split`, { body: { ratios: { train: 0.5, test: 0.5 }, seed: 7, overwrite: true } })).body as unknown as Created;
      const splitAgain = (await steward.api('POST', `/api/datasets/qa/versions/${curated.version.version}/split`, { body: { ratios: { train: 0.5, test: 0.5 }, seed: 7, overwrite: true } })).body as unknown as Created;
      expect(splitAgain.unchanged).toBe(true);
      expect(splitAgain.version.hash).toBe(split.version.hash);

      const merged = (await steward.api('POST', '/api/datasets/qa/merge', { body: { sources: [{ dataset: 'qa', version: 1 }, { dataset: 'csv', version: 'latest' }] } })).body as unknown as Created;
      expect(merged.version.itemCount).toBe(6);
      expect(merged.version.parents).toHaveLength(2);

      const augmented = (await steward.api('POST', `/api/datasets/qa/versions/1/augment`, { body: { kind: 'perturb', seed: 1, perturbations: ['casing'] } })).body as unknown as Created;
      expect(augmented.version.operation).toBe('augment');
      expect(augmented.version.itemCount).toBe(8);

      const up = await steward.api('GET', `/api/datasets/qa/versions/${split.version.version}/lineage?direction=up`);
      const upLabels = (up.body.nodes as { label: string }[]).map((n) => n.label);
      expect(upLabels).toEqual(['qa@' + split.version.version, `qa@${curated.version.version}`, `qa@${filtered.version.version}`, 'qa@1']);

      const down = await steward.api('GET', '/api/datasets/qa/versions/1/lineage?direction=down');
      const downLabels = (down.body.nodes as { label: string; operation: string }[]).map((n) => n.operation);
      expect(downLabels).toEqual(expect.arrayContaining(['import', 'filter', 'curate', 'split', 'merge', 'augment']));
      const csvDown = await steward.api('GET', '/api/datasets/csv/versions/1/lineage?direction=down');
      expect((csvDown.body.nodes as { operation: string }[]).map((n) => n.operation)).toEqual(['import', 'merge']);
    });

    it('stores a quality report that names the offending items', async () => {
      await steward.api('POST', '/api/datasets', { body: { name: 'dupes' } });
      const rows = [
        { id: 'a', input: 'Reset my password please', reference: 'ok', split: 'train' },
        { id: 'b', input: 'Reset my password please', reference: 'ok', split: 'test' },
        { id: 'c', input: 'Email me at jane.doe@example.com', reference: 'sure', split: 'train' },
      ];
      await steward.api('POST', '/api/datasets/dupes/versions', { body: { items: rows } });
      const report = await steward.api('POST', '/api/datasets/dupes/versions/1/quality', { body: {} });
      expect(report.status).toBe(201);
      const checks = (report.body.report as { checks: { check: string; status: string; itemIds: string[] }[] }).checks;
      const byName = Object.fromEntries(checks.map((c) => [c.check, c]));
      expect(byName.exact_duplicates.status).not.toBe('pass');
      expect(byName.exact_duplicates.itemIds).toEqual(expect.arrayContaining(['a', 'b']));
      expect(byName.split_leakage.status).not.toBe('pass');
      expect(byName.pii.itemIds).toEqual(['c']);
      const latest = await steward.api('GET', '/api/datasets/dupes/versions/1/quality');
      expect(latest.body.id).toBe(report.body.id);
    });

    it('exports OpenAI chat JSONL, preference JSONL and CSV that imports back unchanged', async () => {
      const chat = await fetch(`${steward.url}/api/datasets/qa/versions/1/export?format=openai-chat`, { headers: { authorization: `Bearer ${steward.adminKey}` } });
      expect(chat.headers.get('content-type')).toContain('ndjson');
      const chatRows = (await chat.text()).trim().split('\n').map((l) => JSON.parse(l) as { messages: { role: string; content: string }[] });
      expect(chatRows).toHaveLength(4);
      expect(chatRows[2].messages).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Colour of the sky?' }, { role: 'assistant', content: 'Blue' }]);

      const prefs = await fetch(`${steward.url}/api/datasets/qa/versions/1/export?format=preference`, { headers: { authorization: `Bearer ${steward.adminKey}` } });
      const prefRows = (await prefs.text()).trim().split('\n').map((l) => JSON.parse(l));
      expect(prefRows).toEqual([{ input: { messages: [{ role: 'user', content: 'Say hello' }] }, preferred_output: [{ role: 'assistant', content: 'Hello!' }], non_preferred_output: [{ role: 'assistant', content: 'Go away.' }] }]);

      const csv = await fetch(`${steward.url}/api/datasets/qa/versions/1/export?format=csv`, { headers: { authorization: `Bearer ${steward.adminKey}` } });
      const csvText = await csv.text();
      await steward.api('POST', '/api/datasets', { body: { name: 'roundtrip' } });
      const back = (await upload('roundtrip', csvText, 'text/csv')).body as unknown as Created;
      const original = await steward.api('GET', '/api/datasets/qa/versions/1/items');
      const reimported = await steward.api('GET', `/api/datasets/roundtrip/versions/${back.version.version}/items`);
      const strip = (rows: unknown[]) => (rows as { item: Record<string, unknown> }[]).map(({ item }) => ({ ...item, provenance: undefined }));
      expect(strip(reimported.body.data!)).toEqual(strip(original.body.data!));
    });

    it('lets a viewer read but not write', async () => {
      const created = await steward.api('POST', '/api/keys', { body: { name: 'viewer', role: 'viewer' } });
      const key = created.body.key as string;
      expect((await steward.api('GET', '/api/datasets', { key })).status).toBe(200);
      expect((await steward.api('POST', '/api/datasets', { key, body: { name: 'nope' } })).status).toBe(403);
    });
  });
}
