// Datasets from the gateway's traces and feedback: chat calls through /v1 leave traces, users give
// thumbs and corrections, and curation turns them into SFT examples and preference pairs that keep
// the trace and feedback ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

interface Item {
  kind: string;
  input: { role: string; content: string }[];
  reference?: string;
  chosen?: string;
  rejected?: string;
  provenance: { traceId?: string; feedbackId?: string; source: string };
}

for (const engine of ENGINES) {
  describe(`curation from traces and feedback (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;

    beforeAll(async () => {
      standIn = await startAnsweringStandIn((model) => (model === 'good' ? 'Paris is the capital of France.' : 'It is Lyon.'));
      steward = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }] } });
    });
    afterAll(async () => {
      await steward.close();
      await standIn.close();
    });

    async function chat(model: string): Promise<string> {
      const response = await steward.api('POST', '/v1/chat/completions', { body: { model, messages: [{ role: 'user', content: 'What is the capital of France?' }] } });
      expect(response.status, response.text).toBe(200);
      const traceId = response.headers.get('x-steward-trace-id') ?? response.headers.get('x-trace-id');
      expect(traceId).toBeTruthy();
      return traceId!;
    }

    it('turns corrections into SFT items and thumbs into preference pairs, keeping trace and feedback ids', async () => {
      const good = await chat('mock/good');
      const bad = await chat('mock/bad');
      expect((await steward.api('POST', '/api/feedback', { body: { traceId: good, thumb: 'up' } })).status).toBe(201);
      const down = await steward.api('POST', '/api/feedback', { body: { traceId: bad, thumb: 'down', correction: 'Paris.' } });
      expect(down.status).toBe(201);
      const feedbackId = down.body.id as string;

      await steward.api('POST', '/api/datasets', { body: { name: 'curated' } });
      const traces = await steward.api('POST', '/api/datasets/curated/from-traces', { body: { filter: { thumb: 'up' } } });
      expect(traces.status, traces.text).toBe(201);
      const fromTraces = (await steward.api('GET', '/api/datasets/curated/versions/1/items')).body.data as { item: Item }[];
      expect(fromTraces).toHaveLength(1);
      expect(fromTraces[0].item).toMatchObject({ kind: 'example', reference: 'Paris is the capital of France.', provenance: { source: 'traces', traceId: good } });

      const curated = await steward.api('POST', '/api/datasets/curated/from-feedback', { body: {} });
      expect(curated.status, curated.text).toBe(201);
      const version = curated.body.version as { version: number; operation: string; parents: string[] };
      expect(version.operation).toBe('curate');
      expect(version.parents).toHaveLength(1);
      const items = ((await steward.api('GET', `/api/datasets/curated/versions/${version.version}/items`)).body.data as { item: Item }[]).map((e) => e.item);
      const sft = items.filter((i) => i.kind === 'example' && i.provenance.source === 'feedback');
      expect(sft).toEqual([expect.objectContaining({ reference: 'Paris.', provenance: expect.objectContaining({ traceId: bad, feedbackId }) })]);
      const pairs = items.filter((i) => i.kind === 'preference');
      expect(pairs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ chosen: 'Paris.', rejected: 'It is Lyon.' }),
          expect.objectContaining({ chosen: 'Paris is the capital of France.', rejected: 'It is Lyon.' }),
        ]),
      );
      const exported = await fetch(`${steward.url}/api/datasets/curated/versions/${version.version}/export?format=preference`, { headers: { authorization: `Bearer ${steward.adminKey}` } });
      expect((await exported.text()).trim().split('\n')).toHaveLength(pairs.length);
    });
  });
}
