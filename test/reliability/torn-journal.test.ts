// A torn or corrupt journal never stops trace storage: a half-written line (a crash mid-write), a
// line that is not JSON and a line of an unknown schema version are moved to the quarantine file with
// their offset and reason, counted, and every other trace — before and after them — is stored.
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { JOURNAL_DIR, LEGACY_JOURNAL_FILE, QUARANTINE_FILE } from '../../src/monitoring/traces/trace-journal.js';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { startTestSteward } from '../harness/test-steward.js';

const body = { model: 'builtin/steward-mini', messages: [{ role: 'user', content: 'hello' }] };

for (const engine of ENGINES) {
  describe(`torn trace journal (${engine.name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-torn-'));
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    afterAll(async () => {
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('quarantines the bad lines with offset and reason and stores every other trace', async () => {
      const first = await startTestSteward(engine, { dataDir, schema });
      const before = await first.api('POST', '/v1/chat/completions', { body });
      expect(before.status).toBe(200);
      const beforeId = String(before.headers.get('x-steward-trace-id'));
      const projectId = first.handle.services.defaultProject.id;
      const minimalRow = (id: string) => ({ ...baseRow(id), project_id: projectId });
      await first.close();

      // What a crash and a bad disk leave: a segment whose good line is followed by garbage, a line of
      // a version this build does not know and half a line; and the old single-file journal, torn too.
      const good = { v: 1, row: { ...minimalRow('trace_torn_good') } };
      const segment = join(dataDir, JOURNAL_DIR, 'seg-0000000000000090-1.jsonl');
      writeFileSync(segment, `${JSON.stringify(good)}\nnot json at all\n${JSON.stringify({ v: 99, row: minimalRow('trace_v99') })}\n{"v":1,"row":{"id":"trace_half`);
      appendFileSync(join(dataDir, LEGACY_JOURNAL_FILE), `${JSON.stringify(minimalRow('trace_legacy_good'))}\n{"id":"trace_legacy_to`);

      const second = await startTestSteward(engine, { dataDir, schema });
      try {
        const after = await Promise.all([1, 2, 3].map(() => second.api('POST', '/v1/chat/completions', { body })));
        const ids = [beforeId, 'trace_torn_good', 'trace_legacy_good', ...after.map((a) => String(a.headers.get('x-steward-trace-id')))];
        await second.handle.services.gatewayServices.traceWriter.flush();
        for (const id of ids) expect((await second.api('GET', `/api/traces/${id}`)).status, id).toBe(200);

        const quarantined = readFileSync(join(dataDir, JOURNAL_DIR, QUARANTINE_FILE), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { segment: string; offset: number; reason: string; line: string });
        expect(quarantined.map((q) => q.reason).sort()).toEqual(['not JSON', 'partial write (no line end)', 'partial write (no line end)', 'unknown schema version 99'].sort());
        const notJson = quarantined.find((q) => q.reason === 'not JSON');
        expect(notJson).toMatchObject({ segment: 'seg-0000000000000090-1.jsonl', offset: JSON.stringify(good).length + 1, line: 'not json at all' });
        expect(readdirSync(join(dataDir, JOURNAL_DIR)).filter((name) => name.startsWith('seg-'))).toEqual([]);
        const metrics = await second.api('GET', '/metrics');
        expect(metrics.text).toMatch(/^steward_trace_journal_quarantined_total 4$/m);
        await vi.waitFor(async () => expect((await second.api('GET', '/readyz', { key: null })).body).toMatchObject({ status: 'ready', journal: { backlogBytes: 0 } }));
      } finally {
        await second.close();
      }
    });
  });
}

function baseRow(id: string): Record<string, unknown> {
  return {
    id,
    project_id: null,
    created_at: Date.now(),
    endpoint: 'chat',
    requested_model: 'builtin/steward-mini',
    route: null,
    route_revision: null,
    provider: 'builtin',
    model: 'steward-mini',
    version_id: null,
    prompt_version_id: null,
    status: 'ok',
    http_status: 200,
    error_code: null,
    error_message: null,
    stream: 0,
    cache_hit: 0,
    key_id: null,
    user_pseudonym: null,
    batch_id: null,
    tokens_in: 1,
    tokens_out: 1,
    cost_usd: 0,
    ttft_ms: null,
    latency_ms: 1,
    overhead_ms: null,
    attempts_json: '[]',
    request_json: null,
    response_json: null,
  };
}
