// Runs that cannot pass when broken, over the HTTP API on every engine: each bad part of a run is
// refused at creation with a catalogue code naming it; errors make a run completed_with_errors and
// fail gates unless their error budget allows them (inline or on a named gate); the gates a run
// was created with are evaluated by default; the production baseline is found behind an alias.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const ITEMS = Array.from({ length: 14 }, (_, i) => ({ id: `n${i}`, input: `What is ${i} + ${i}?`, reference: String(2 * i) }));
const ANSWERS = new Map(ITEMS.map((item) => [item.input, item.reference]));

function answer(model: string, question: string): string {
  if (model === 'judge-babble') return 'Quite a good answer, I think.';
  if (model === 'judge') return '{"reasoning": "fine", "score": 9}';
  // `half` answers the second half wrong.
  if (model === 'half' && ITEMS.findIndex((i) => i.input === question) >= 7) return 'no idea';
  return ANSWERS.get(question) ?? '?';
}

interface Run {
  id: string;
  status: string;
  model: { name: string; version: string } | null;
  summary: { erroredItems: number; metrics: Record<string, { errors: number }> } | null;
}
interface Evaluation {
  gate: string;
  passed: boolean;
  rules: { rule: string; passed: boolean; reason: string }[];
}

for (const engine of ENGINES) {
  describe(`evaluation gates over the API (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;
    const create = (body: Record<string, unknown>) => steward.api('POST', '/api/evals/runs', { body: { dataset: 'sums', metrics: [{ metric: 'exact_match', name: 'accuracy' }], ...body } });
    async function finished(body: Record<string, unknown>): Promise<Run> {
      const created = await create(body);
      expect(created.status, created.text).toBe(201);
      const id = (created.body as unknown as Run).id;
      for (let i = 0; i < 1_600; i++) {
        const run = (await steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as Run;
        if (!['queued', 'running'].includes(run.status)) return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${id} did not finish`);
    }
    const gates = async (id: string, body: Record<string, unknown> = {}) => (await steward.api('POST', `/api/evals/runs/${id}/gates`, { body })).body.data as Evaluation[];

    beforeAll(async () => {
      standIn = await startAnsweringStandIn(answer);
      steward = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }] } });
      await steward.api('POST', '/api/datasets', { body: { name: 'sums' } });
      expect((await steward.api('POST', '/api/datasets/sums/versions', { body: { items: ITEMS } })).status).toBe(201);
    });
    afterAll(async () => {
      await steward?.close();
      await standIn?.close();
    });

    it('refuses each bad part at creation, naming it, with no run recorded and no call made', async () => {
      const judge = (model: string) => [{ metric: 'exact_match', name: 'accuracy' }, { metric: 'llm_judge', config: { model } }];
      const cases: [Record<string, unknown>, string, string][] = [
        [{ target: 'nowhere' }, 'EVAL_TARGET_INVALID', 'target'],
        [{ target: 'mock/good', metrics: judge('nowhere/judge') }, 'EVAL_TARGET_INVALID', 'metrics[1].config.model'],
        [{ target: 'mock/good', params: { embeddingModel: 'nowhere' } }, 'EVAL_TARGET_INVALID', 'params.embeddingModel'],
        [{ target: 'mock/good', metrics: [{ metric: 'regex', config: { pattern: '(' } }] }, 'METRIC_CONFIG_INVALID', 'metrics[0]'],
        [{ target: 'mock/good', gates: { rules: ['accuracy >= 0.5', 'bleu >= 0.2'] } }, 'GATE_RULE_INVALID', 'gates.rules[1]'],
        [{ target: 'mock/good', gates: { rules: ['no significant regression vs run evr_x if production exists'] } }, 'GATE_RULE_INVALID', 'gates.rules[0]'],
        [{ target: 'mock/good', dataset: 'missing' }, 'EVAL_DATASET_INVALID', 'dataset'],
        [{ target: 'mock/good', datasetVersion: 9 }, 'EVAL_DATASET_INVALID', 'datasetVersion'],
      ];
      const calls = standIn.requests.length;
      for (const [body, code, field] of cases) {
        const refused = await create(body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body.error, JSON.stringify(body)).toMatchObject({ code, details: { field } });
      }
      expect(standIn.requests.length).toBe(calls);
      expect((await steward.api('GET', '/api/evals/runs?dataset=sums')).body.data).toEqual([]);
    });

    it('a judge error on every item: completed_with_errors; the run’s own gates fail on the error budget unless it allows them', async () => {
      const metrics = [
        { metric: 'exact_match', name: 'accuracy' },
        { metric: 'llm_judge', name: 'judge', config: { model: 'mock/judge-babble' } },
      ];
      const run = await finished({ target: 'mock/good', metrics, gates: { rules: ['accuracy >= 0.9'] } });
      expect(run.status).toBe('completed_with_errors');
      expect(run.summary).toMatchObject({ erroredItems: 14, metrics: { judge: { errors: 14 }, accuracy: { errors: 0 } } });
      expect((await steward.api('GET', '/api/evals/runs?status=completed_with_errors')).body.data).toHaveLength(1);

      const [own] = await gates(run.id);
      expect(own).toMatchObject({ gate: 'inline', passed: false });
      expect(own.rules[0]).toMatchObject({ rule: 'error rate <= 0', passed: false });
      expect(own.rules[0].reason).toContain('14 of 14 items errored (judge 14)');
      const [allowed] = await gates(run.id, { rules: ['accuracy >= 0.9'], maxErrorRate: 1 });
      expect(allowed.passed).toBe(true);
      const [noScore] = await gates(run.id, { rules: ['judge >= 0.1'], maxErrorRate: 1 });
      expect(noScore.rules[1]).toMatchObject({ passed: false });

      // A named gate carries its own budget.
      const put = await steward.api('PUT', '/api/evals/gates/tolerant', { body: { rules: ['accuracy >= 0.9'], maxErrorRate: 0.5 } });
      expect(put.status, put.text).toBe(200);
      expect(put.body).toMatchObject({ maxErrorRate: 0.5 });
      const [named] = await gates(run.id, { gates: ['tolerant'] });
      expect(named.rules[0]).toMatchObject({ rule: 'error rate <= 0.5', passed: false });

      // `steward apply` declares the budget, and export gives it back.
      const applied = await steward.api('POST', '/api/apply', { body: { document: { gates: [{ name: 'declared', rules: ['accuracy >= 0.9'], maxErrorRate: 0.25 }] } } });
      expect(applied.status, applied.text).toBe(200);
      expect((await steward.api('GET', '/api/evals/gates')).body.data).toContainEqual(expect.objectContaining({ name: 'declared', maxErrorRate: 0.25 }));
      expect((await steward.api('GET', '/api/export')).body.gates).toContainEqual(expect.objectContaining({ name: 'declared', maxErrorRate: 0.25 }));
      expect((await steward.api('POST', '/api/apply', { body: { document: { gates: [{ name: 'declared', rules: ['accuracy >= 0.9'], maxErrorRate: 0.25 }] }, dryRun: true } })).body.plan).toContainEqual(expect.objectContaining({ kind: 'gate', name: 'declared', action: 'unchanged' }));

      const clean = await finished({ target: 'mock/good', metrics: [metrics[0], { metric: 'llm_judge', name: 'judge', config: { model: 'mock/judge' } }] });
      expect(clean.status).toBe('completed');
      expect((await gates(clean.id, { gates: ['tolerant'] }))[0].passed).toBe(true);
    });

    it('finds the production version behind an alias target and compares with its run', async () => {
      await steward.api('POST', '/api/models', { body: { name: 'adder' } });
      await steward.api('POST', '/api/models/adder/versions', { body: { spec: { provider: 'mock', model: 'good' } } });
      await steward.api('POST', '/api/models/adder/versions', { body: { spec: { provider: 'mock', model: 'half' } } });
      // Another project's model of the same name, in production, is not this one's baseline.
      const other = await steward.api('POST', '/api/projects', { body: { name: 'elsewhere' } });
      expect(other.status, other.text).toBe(201);
      const key = String((await steward.api('POST', '/api/keys', { body: { name: 'elsewhere-admin', role: 'admin', project: String(other.body.id) } })).body.key);
      expect((await steward.api('POST', '/api/models', { key, body: { name: 'adder' } })).status).toBe(201);
      const foreign = await steward.api('POST', '/api/models/adder/versions', { key, body: { spec: { provider: 'mock', model: 'good' } } });
      expect(foreign.status, foreign.text).toBe(201);
      expect((await steward.api('POST', '/api/models/adder/versions/1/stage', { key, body: { stage: 'production', reason: 'theirs' } })).status).toBe(200);

      const regression = 'no significant regression vs production';
      const early = await finished({ target: 'adder@latest' });
      expect(early.model).toEqual({ name: 'adder', version: 'adder-002' });
      expect((await gates(early.id, { rules: [regression] }))[0].rules[1].reason).toBe('adder has no production version');
      expect((await gates(early.id, { rules: [`${regression} if production exists`] }))[0].passed).toBe(true);

      expect((await steward.api('POST', '/api/models/adder/versions/1/stage', { body: { stage: 'production', reason: 'baseline' } })).status).toBe(200);
      const baseline = await finished({ target: 'adder@production' });
      expect(baseline.model).toEqual({ name: 'adder', version: 'adder-001' });
      const candidate = await finished({ target: 'adder@latest' });
      const [verdict] = await gates(candidate.id, { rules: [regression] });
      expect(verdict.passed).toBe(false);
      expect(verdict.rules[1].reason).toContain(`regressed against run ${baseline.id} (adder-001, production): accuracy -0.5`);
    });
  });
}
