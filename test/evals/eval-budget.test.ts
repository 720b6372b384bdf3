// Evaluation calls go through the gateway as the run's creator, so they count against that key's USD
// budget like any /v1 call: a run whose calls cost more than the key has left spends at most the
// budget, and every call past it is an item error (never a silent success or a zero score).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

// The answering stand-in reports 10 prompt + 3 completion tokens for every call: at this price each call costs $1.
const CALL_USD = 1;
const PER_MTOK = (CALL_USD / 13) * 1_000_000;
// The gateway reserves each call's worst case (an upper estimate of the prompt plus max_tokens, about $3.5 here)
// before it is made, so this budget admits three calls and refuses the other three.
const BUDGET_USD = 5.5;
const ITEMS = Array.from({ length: 6 }, (_, i) => ({ id: `q${i + 1}`, input: `What is ${i}+${i}?`, reference: String(2 * i) }));
// A frozen clock, a day ahead of the wall clock at noon: the day's budget window cannot roll over mid-test.
const NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 12 * 3_600_000;

interface Run {
  status: string;
  progress: { total: number; completed: number; failed: number };
  summary: { items: number; callErrors: number; erroredItems: number; costUsd: number; metrics: Record<string, { n: number; errors: number }> } | null;
}

for (const engine of ENGINES) {
  describe(`evaluation calls count against the creator's budget (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;

    beforeAll(async () => {
      standIn = await startAnsweringStandIn((_model, question) => ITEMS.find((item) => item.input === question)?.reference ?? '?', { apiKey: 'sk-mock' });
      steward = await startTestSteward(engine, { now: () => NOW, overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-mock' }] } });
      expect((await steward.api('PUT', '/api/prices', { body: { provider: 'mock', model: 'priced', inputPerMTok: PER_MTOK, outputPerMTok: PER_MTOK } })).status).toBe(200);
      await steward.api('POST', '/api/datasets', { body: { name: 'arith' } });
      expect((await steward.api('POST', '/api/datasets/arith/versions', { body: { items: ITEMS } })).status).toBe(201);
    });
    afterAll(async () => {
      await steward?.close();
      await standIn?.close();
    });

    it('spends at most the budget and turns every call past it into an item error', async () => {
      const key = await steward.api('POST', '/api/keys', { body: { name: 'evaluator', role: 'developer' } });
      const keyId = (key.body.record as { id: string }).id;
      expect((await steward.api('PUT', `/api/limits/keys/${keyId}`, { body: { budgetUsd: BUDGET_USD, budgetPeriod: 'day' } })).status).toBe(200);

      // One call at a time, so which calls the budget admits does not depend on timing.
      const created = await steward.api('POST', '/api/evals/runs', {
        key: String(key.body.key),
        body: { dataset: 'arith', datasetVersion: 1, target: 'mock/priced', metrics: [{ metric: 'exact_match' }], params: { concurrency: 1, max_tokens: 3 } },
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      let run: Run;
      for (let polls = 0; ; polls++) {
        run = (await steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as Run;
        if (!['queued', 'running'].includes(run.status)) break;
        if (polls > 600) throw new Error(`run ${id} still ${run.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const upstreamCalls = standIn.requests.filter((request) => (request.body as { model?: string } | undefined)?.model === 'priced').length;
      const results = (await steward.api('GET', `/api/evals/runs/${id}/results?limit=100`)).body.data as { itemId: string; output: string | null; callError: string | null; costUsd: number | null; scores: Record<string, { score?: number }> }[];
      const answered = results.filter((result) => result.callError === null);
      const refused = results.filter((result) => result.callError !== null);

      // The budget admitted some calls and refused the rest; only admitted calls reached the provider.
      expect(answered.length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(answered.length + refused.length).toBe(ITEMS.length);
      expect(upstreamCalls).toBe(answered.length);
      for (const result of refused) {
        expect(result.callError).toMatch(/budget/i);
        expect(result.output).toBeNull();
        expect(result.scores.exact_match?.score).toBeUndefined();
      }
      for (const result of answered) expect(result.costUsd).toBeCloseTo(CALL_USD, 9);

      // The run says so: errors are counted, never scored.
      expect(run.status).toBe('completed_with_errors');
      expect(run.summary).toMatchObject({ items: ITEMS.length, callErrors: refused.length, erroredItems: refused.length });
      expect(run.summary?.metrics.exact_match.n).toBe(answered.length);
      expect(run.summary?.costUsd).toBeCloseTo(answered.length * CALL_USD, 9);

      // The key's budget holds exactly what the run's answered calls cost, nothing still reserved.
      const usage = (await steward.api('GET', `/api/limits/keys/${keyId}`)).body.usage as { spendUsd: { used: number; reserved: number; remaining: number | null; limit: number | null } };
      expect(usage.spendUsd.used).toBeCloseTo(answered.length * CALL_USD, 9);
      expect(usage.spendUsd.used).toBeLessThanOrEqual(BUDGET_USD);
      expect(usage.spendUsd.reserved).toBe(0);
      expect(usage.spendUsd.remaining).toBeCloseTo(BUDGET_USD - answered.length * CALL_USD, 9);
    });
  });
}
