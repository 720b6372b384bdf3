// Evaluation runs over the real server against an OpenAI-compatible stand-in whose answers depend
// on the model and the question: aggregates with CIs, paired comparison, re-scoring without model
// calls, judge errors, gates, the leaderboard, and resuming a run stopped midway.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { recordedUserText, startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const QUESTIONS: Record<string, string> = { 'What is 1+1?': '2', 'What is 2+2?': '4', 'What is 3+3?': '6', 'What is 4+4?': '8', 'What is 5+5?': '10', 'What is 6+6?': '12' };
const ITEMS = Object.entries(QUESTIONS).map(([input, reference], i) => ({ id: `q${i + 1}`, input, reference }));

/** A question the stand-in answers with a server error (every attempt, so retries do not hide it). */
let brokenQuestion: string | undefined;

function answer(model: string, question: string): string {
  if (question === brokenQuestion) throw new Error('upstream broke on this question');
  if (model === 'judge-broken') return 'I would say this answer is quite good overall.';
  if (model === 'judge') return '{"reasoning": "fine", "score": 8}';
  const right = QUESTIONS[question] ?? '?';
  // `bad` gets the last three wrong.
  if (model === 'bad' && ['What is 4+4?', 'What is 5+5?', 'What is 6+6?'].includes(question)) return 'no idea';
  return right;
}

interface Run {
  id: string;
  status: string;
  progress: { total: number; completed: number; failed: number };
  summary: { metrics: Record<string, { mean: number | null; n: number; errors: number; ci: { lower: number; upper: number } | null }> } | null;
}

async function waitFor(steward: TestSteward, id: string, done: (run: Run) => boolean = (r) => ['completed', 'completed_with_errors', 'failed', 'cancelled'].includes(r.status), timeoutMs = 60_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as Run;
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} (${run.progress.completed}/${run.progress.total})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const engine of ENGINES) {
  describe(`evaluations API (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;
    const providers = () => [{ name: 'mock', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-mock' }];
    const callsFor = (model: string) => standIn.requests.filter((r) => (r.body as { model?: string } | undefined)?.model === model);

    beforeAll(async () => {
      standIn = await startAnsweringStandIn(answer, { apiKey: 'sk-mock' });
      steward = await startTestSteward(engine, { overrides: { providers: providers() } });
      await steward.api('POST', '/api/datasets', { body: { name: 'arith' } });
      expect((await steward.api('POST', '/api/datasets/arith/versions', { body: { items: ITEMS } })).status).toBe(201);
    });
    afterAll(async () => {
      await steward.close();
      await standIn.close();
    });

    const start = async (target: string, metrics: unknown[], extra: Record<string, unknown> = {}) => {
      const created = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'arith', target, metrics, ...extra } });
      expect(created.status, created.text).toBe(201);
      return created.body as unknown as Run;
    };

    it('charges each item the gateway price and scores efficiency against a cost budget', async () => {
      expect((await steward.api('PUT', '/api/prices', { body: { provider: 'mock', model: 'good', inputPerMTok: 1000, outputPerMTok: 2000 } })).status).toBe(200);
      // Its own dataset, so this run stays off the leaderboard the next test reads.
      await steward.api('POST', '/api/datasets', { body: { name: 'arith-cost' } });
      expect((await steward.api('POST', '/api/datasets/arith-cost/versions', { body: { items: ITEMS } })).status).toBe(201);
      const created = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'arith-cost', target: 'mock/good', metrics: [{ metric: 'efficiency', config: { maxCostUsd: 1 } }] } });
      expect(created.status, created.text).toBe(201);
      const run = await waitFor(steward, (created.body as unknown as Run).id);
      expect(run.status).toBe('completed');
      const results = await steward.api('GET', `/api/evals/runs/${run.id}/results?limit=10`);
      const rows = results.body.data as { costUsd: number | null; scores: Record<string, { score?: number; error?: string }> }[];
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        expect(row.costUsd).toBeGreaterThan(0);
        expect(row.scores.efficiency).toMatchObject({ score: 1 });
      }
    });

    it('runs a dataset against a target and aggregates per metric with a confidence interval', async () => {
      const good = await waitFor(steward, (await start('mock/good', [{ metric: 'exact_match', name: 'accuracy' }], { model: { name: 'calc', version: 'calc-002' } })).id);
      expect(good.status).toBe('completed');
      expect(good.progress).toMatchObject({ total: 6, completed: 6, failed: 0 });
      expect(good.summary?.metrics.accuracy.mean).toBe(1);
      const bad = await waitFor(steward, (await start('mock/bad', [{ metric: 'exact_match', name: 'accuracy' }], { model: { name: 'calc', version: 'calc-001' } })).id);
      expect(bad.summary?.metrics.accuracy.mean).toBe(0.5);
      const ci = bad.summary?.metrics.accuracy.ci;
      expect(ci!.lower).toBeLessThan(0.5);
      expect(ci!.upper).toBeGreaterThan(0.5);

      const results = await steward.api('GET', `/api/evals/runs/${bad.id}/results?limit=10`);
      const rows = results.body.data as { itemId: string; output: string; scores: Record<string, { score: number }> }[];
      expect(rows.find((r) => r.itemId === 'q6')).toMatchObject({ output: 'no idea', scores: { accuracy: { score: 0 } } });

      const comparison = await steward.api('GET', `/api/evals/compare?a=${good.id}&b=${bad.id}`);
      const accuracy = (comparison.body.metrics as { metric: string; difference: number; regressions: { itemId: string }[]; pValue: number }[])[0];
      expect(accuracy.metric).toBe('accuracy');
      expect(accuracy.difference).toBeCloseTo(-0.5);
      expect(accuracy.regressions.map((r) => r.itemId).sort()).toEqual(['q4', 'q5', 'q6']);
      expect(accuracy.pValue).toBeGreaterThan(0);

      const board = await steward.api('GET', '/api/datasets/arith/leaderboard?metric=accuracy');
      const entries = board.body.entries as { target: string; metrics: { accuracy: { mean: number } } }[];
      expect(entries.map((e) => e.target)).toEqual(['mock/good', 'mock/bad']);

      // Gates: inline rules, then a named gate; results are stored with the run.
      const failing = await steward.api('POST', `/api/evals/runs/${bad.id}/gates`, { body: { rules: ['accuracy >= 0.8', 'accuracy.error_rate <= 0'] } });
      const evaluation = (failing.body.data as { passed: boolean; rules: { passed: boolean; actual: number }[] }[])[0];
      expect(evaluation.passed).toBe(false);
      // The error budget comes first: no item errored, so it passes.
      expect(evaluation.rules.map((r) => r.passed)).toEqual([true, false, true]);
      expect((await steward.api('PUT', '/api/evals/gates/release', { body: { rules: ['accuracy >= 0.8'], dataset: 'arith' } })).status).toBe(200);
      const passing = await steward.api('POST', `/api/evals/runs/${good.id}/gates`, { body: { gates: ['release'] } });
      expect((passing.body.data as { passed: boolean }[])[0].passed).toBe(true);
      const stored = await steward.api('GET', `/api/evals/runs/${bad.id}/gates`);
      expect(stored.body.data).toHaveLength(1);
      expect((await steward.api('PUT', '/api/evals/gates/broken', { body: { rules: ['accuracy is great'] } })).status).toBe(400);

      // The registry's GateChecker: the latest run of the version on the gate's dataset decides.
      const checker = steward.handle.services.evals.gates.checker();
      const subject = (name: string) => ({ id: 'v', name, seq: 1, evalRunIds: [], datasetVersionIds: [] });
      expect(await checker.check({ id: 'm', name: 'calc', projectId: steward.handle.services.defaultProject.id }, subject('calc-002'), 'release')).toMatchObject({ passed: true, evalRunId: good.id });
      expect((await checker.check({ id: 'm', name: 'calc', projectId: steward.handle.services.defaultProject.id }, subject('calc-001'), 'release')).passed).toBe(false);
      expect((await checker.check({ id: 'm', name: 'calc', projectId: steward.handle.services.defaultProject.id }, subject('calc-009'), 'release')).reason).toContain('no completed evaluation run');
    });

    it('re-scores stored outputs without calling the target; an unreadable judge is an error, not a zero', async () => {
      const source = await waitFor(steward, (await start('mock/good', [{ metric: 'exact_match' }])).id);
      const calls = callsFor('good').length;
      const rescored = await steward.api('POST', `/api/evals/runs/${source.id}/rescore`, {
        body: { metrics: [{ metric: 'contains' }, { metric: 'llm_judge', name: 'judge', config: { model: 'mock/judge-broken' } }, { metric: 'llm_judge', name: 'judge_ok', config: { model: 'mock/judge' } }] },
      });
      expect(rescored.status, rescored.text).toBe(201);
      const run = await waitFor(steward, (rescored.body as unknown as Run).id);
      // Every judge verdict was unreadable: the run says so in its status.
      expect(run.status).toBe('completed_with_errors');
      expect(callsFor('good').length).toBe(calls);
      expect(run.summary?.metrics.contains.mean).toBe(1);
      expect(run.summary?.metrics.judge).toMatchObject({ n: 0, errors: 6, mean: null });
      expect(run.summary?.metrics.judge_ok.mean).toBeCloseTo(7 / 9);
    });

    it('renders a stored prompt version for every item, pinned at creation even if the label moves', async () => {
      const created = await steward.api('POST', '/api/prompts', {
        body: { name: 'terse', template: { messages: [{ role: 'system', content: 'Answer with a number only.' }, { role: 'user', content: '{{input}}' }] }, variables: [{ name: 'input' }], labels: ['production'] },
      });
      expect(created.status, created.text).toBe(201);
      const run = await waitFor(steward, (await start('mock/good', [{ metric: 'exact_match' }], { prompt: { name: 'terse', version: 'production' } })).id);
      expect(run.summary?.metrics.exact_match.mean).toBe(1);
      const sent = callsFor('good').at(-1)?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages[0]).toEqual({ role: 'system', content: 'Answer with a number only.' });
      const stored = (await steward.api('GET', `/api/evals/runs/${run.id}`)).body as { prompt: { name: string; version: number } };
      expect(stored.prompt).toMatchObject({ name: 'terse', version: 1 });
      const missing = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'arith', target: 'mock/good', metrics: [{ metric: 'exact_match' }], prompt: { name: 'nope' } } });
      expect(missing.status).toBe(404);
    });

    it('refuses a run whose JSON schema does not compile, or an unknown metric, with 400 at creation', async () => {
      const bad = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'arith', target: 'mock/good', metrics: [{ metric: 'json_schema', config: { schema: { type: 'not-a-type' } } }] } });
      expect(bad.status).toBe(400);
      expect((bad.body.error as { code: string }).code).toBe('METRIC_CONFIG_INVALID');
      const unknown = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'arith', target: 'mock/good', metrics: [{ metric: 'vibes' }] } });
      expect(unknown.status).toBe(400);
      expect((await steward.api('GET', '/api/evals/runs?status=queued')).body.data).toEqual([]);
    });

    it('records a failed model call as the item’s error and keeps going', async () => {
      brokenQuestion = 'What is 6+6?';
      const run = await waitFor(steward, (await start('mock/flaky', [{ metric: 'exact_match' }], { params: { concurrency: 1 } })).id);
      brokenQuestion = undefined;
      expect(run.status).toBe('completed_with_errors');
      expect(run.progress.failed).toBe(1);
      expect(run.summary?.metrics.exact_match.n).toBe(5);
      const errors = await steward.api('GET', `/api/evals/runs/${run.id}/results?errorsOnly=true`);
      expect((errors.body.data as { callError: string }[])[0].callError).toBeTruthy();
      const retried = await steward.api('POST', `/api/evals/runs/${run.id}/resume`, { body: { retryFailed: true } });
      expect(retried.status).toBe(200);
      const after = await waitFor(steward, run.id);
      expect(after.progress).toMatchObject({ completed: 6, failed: 0 });
      expect(after.status).toBe('completed');
    });
  });

  describe(`evaluation runs resume after a stop (${engine.name})`, () => {
    it('resumes a run stopped midway without calling the model again for finished items', async () => {
      const standIn = await startAnsweringStandIn(answer);
      const dataDir = mkdtempSync(join(tmpdir(), 'steward-resume-'));
      const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
      const options = { dataDir, schema, overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }] } };
      try {
        const first = await startTestSteward(engine, options);
        await first.api('POST', '/api/datasets', { body: { name: 'arith' } });
        await first.api('POST', '/api/datasets/arith/versions', { body: { items: ITEMS } });
        standIn.setBehaviour({ mode: 'slow', delayMs: 150 });
        const created = (await first.api('POST', '/api/evals/runs', { body: { dataset: 'arith', target: 'mock/good', metrics: [{ metric: 'exact_match' }], params: { concurrency: 1 } } })).body as unknown as Run;
        await waitFor(first, created.id, (r) => r.progress.completed >= 2);
        const finishedBefore = ((await first.api('GET', `/api/evals/runs/${created.id}/results`)).body.data as { itemId: string }[]).map((r) => r.itemId);
        await first.close();
        const stopped = standIn.requests.length;
        expect(stopped).toBeLessThan(ITEMS.length);

        standIn.setBehaviour({ mode: 'ok' });
        const second = await startTestSteward(engine, options);
        const done = await waitFor(second, created.id);
        expect(done.status).toBe('completed');
        expect(done.progress.completed).toBe(ITEMS.length);
        expect(done.summary?.metrics.exact_match.mean).toBe(1);
        const callsPerQuestion = new Map<string, number>();
        for (const request of standIn.requests) {
          const text = recordedUserText(request.body);
          callsPerQuestion.set(text, (callsPerQuestion.get(text) ?? 0) + 1);
        }
        for (const id of finishedBefore) expect(callsPerQuestion.get(ITEMS.find((i) => i.id === id)!.input)).toBe(1);
        // At most the one call in flight at the stop is repeated.
        expect(standIn.requests.length).toBeLessThanOrEqual(ITEMS.length + 1);
        await second.close();
      } finally {
        await standIn.close();
        if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
