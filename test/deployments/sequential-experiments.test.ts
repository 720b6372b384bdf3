// Always-valid verdicts and bandit allocation over HTTP on every engine: an experiment's results
// carry the sequential tests and the verdict of its chosen test; a bandit experiment moves the
// route's weights to the better arm above the floor, one replica per decision, keeps each decision
// in its history and stops on its rule; a canary with sequential guards rolls back on a proven
// regression and shows the verdict it reached; bad input and other projects get 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentAllocator } from '../../src/deployments/index.js';
import { systemActor } from '../../src/governance/index.js';
import { newId } from '../../src/store/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

interface TraceSpec {
  route: string;
  model: string;
  at: number;
  failed?: boolean;
  latencyMs?: number;
  thumb?: 'up' | 'down';
}

for (const engine of ENGINES) {
  describe(`sequential experiments and bandits on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
      // Tests drive the controller and the allocator with their own clock.
      await s.handle.services.deployments.rolloutController.stop();
      await s.handle.services.deployments.experimentAllocator.stop();
    });
    afterAll(async () => {
      await s?.close();
    });

    const putRoute = (name: string, config: Record<string, unknown>) => s.api('PUT', `/api/routes/${name}`, { body: { config: { name, ...config } } });
    const single = (model: string) => ({ policy: 'single', targets: [{ model }] });

    /** Traffic as the gateway would have recorded it. */
    async function traces(specs: TraceSpec[]) {
      const db = s.handle.services.store.db;
      const project = s.handle.services.defaultProject.id;
      const rows = specs.map((t) => {
        const [provider, model] = t.model.split('/');
        return {
          id: newId('trace'), project_id: project, created_at: t.at, endpoint: 'chat', requested_model: t.route, route: t.route, route_revision: 1, provider, model, version_id: null, prompt_version_id: null,
          status: t.failed ? 'error' : 'ok', http_status: t.failed ? 502 : 200, error_code: null, error_message: null, stream: 0, cache_hit: 0, key_id: null, user_pseudonym: null, batch_id: null,
          tokens_in: 10, tokens_out: 10, cost_usd: 0.001, ttft_ms: null, latency_ms: t.latencyMs ?? 100, overhead_ms: null, attempts_json: '[]', request_json: null, response_json: null,
        };
      });
      const feedback = specs.flatMap((t, i) => (t.thumb ? [{ id: newId('fb'), project_id: project, trace_id: rows[i].id, created_at: t.at, thumb: t.thumb, rating: null, comment: null, correction: null, source: 'api', annotator: null, actor_id: null }] : []));
      for (let i = 0; i < rows.length; i += 50) await db.insertInto('traces').values(rows.slice(i, i + 50)).execute();
      for (let i = 0; i < feedback.length; i += 50) await db.insertInto('feedback').values(feedback.slice(i, i + 50)).execute();
    }
    /** `n` requests from `at` on, one per millisecond; `failEvery`: every k-th fails; `downEvery`: every k-th gets a thumb down, the rest up. */
    const many = (n: number, spec: { route: string; model: string; at: number; failEvery?: number; downEvery?: number; latency?: number }) =>
      Array.from({ length: n }, (_, i): TraceSpec => ({
        route: spec.route,
        model: spec.model,
        at: spec.at + i,
        failed: spec.failEvery ? i % spec.failEvery === 0 : false,
        latencyMs: (spec.latency ?? 100) + (i % 7),
        thumb: spec.downEvery === undefined ? undefined : i % spec.downEvery === 0 ? 'down' : 'up',
      }));
    const backdate = (id: string, to: number) => s.handle.services.store.db.updateTable('route_experiments').set({ started_at: to }).where('id', '=', id).execute();

    it('reads an always-valid verdict by default, and the fixed-horizon one when asked', async () => {
      await putRoute('verdict', single('openai/control'));
      const started = await s.api('POST', '/api/experiments', {
        body: { route: 'verdict', name: 'quality', arms: [{ name: 'control', model: 'openai/control', weight: 1 }, { name: 'candidate', model: 'openai/cand', weight: 1 }] },
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ test: 'sequential', primaryMetric: 'feedback', allocation: null });
      const id = String(started.body.id);
      const t0 = Date.now() - 2_000;
      await backdate(id, t0);
      // Early on: 20 requests each, too few for the sequential test's minimum; no winner yet.
      await traces([...many(20, { route: 'verdict', model: 'openai/control', at: t0, downEvery: 2 }), ...many(20, { route: 'verdict', model: 'openai/cand', at: t0 + 20, downEvery: 10 })]);
      const early = await s.api('GET', `/api/experiments/${id}/results`);
      expect(early.status).toBe(200);
      expect(early.body.verdict).toMatchObject({ test: 'sequential', metric: 'feedback', winner: null });
      // Later: 200 each; half the control's answers get a thumb down, a tenth of the candidate's.
      await traces([...many(200, { route: 'verdict', model: 'openai/control', at: t0 + 100, downEvery: 2 }), ...many(200, { route: 'verdict', model: 'openai/cand', at: t0 + 400, downEvery: 10 })]);
      const later = await s.api('GET', `/api/experiments/${id}/results`);
      expect(later.body.verdict).toMatchObject({ test: 'sequential', metric: 'feedback', winner: 'candidate' });
      const feedback = (later.body.sequential as { arm: string; metrics: { metric: string; significant: boolean; lower: number; upper: number; pValue: number }[] }[])[0].metrics.find((m) => m.metric === 'feedback');
      expect(feedback).toMatchObject({ significant: true });
      expect(feedback?.lower).toBeGreaterThan(0);
      expect(feedback?.pValue).toBeLessThan(0.05);
      // The fixed-horizon comparisons are still there, beside the sequential ones.
      expect((later.body.comparisons as { metrics: { metric: string; test: string }[] }[])[0].metrics.find((m) => m.metric === 'feedback')).toMatchObject({ test: 'welch_t' });
      await s.api('POST', `/api/experiments/${id}/stop`, { body: {} });

      await putRoute('fixed', single('openai/a'));
      const fixed = await s.api('POST', '/api/experiments', { body: { route: 'fixed', name: 'f', test: 'fixed', primaryMetric: 'errorRate', arms: [{ name: 'a', model: 'openai/a', weight: 1 }, { name: 'b', model: 'openai/b', weight: 1 }] } });
      expect(fixed.body).toMatchObject({ test: 'fixed', primaryMetric: 'errorRate' });
      const results = await s.api('GET', `/api/experiments/${String(fixed.body.id)}/results`);
      expect(results.body.verdict).toMatchObject({ test: 'fixed', metric: 'errorRate', winner: null });
    });

    it('moves traffic to the better arm by Thompson sampling, one replica per decision, and stops on its rule', async () => {
      await putRoute('bandit', single('openai/control'));
      const started = await s.api('POST', '/api/experiments', {
        body: {
          route: 'bandit',
          name: 'bandit',
          arms: [{ name: 'control', model: 'openai/control', weight: 1 }, { name: 'candidate', model: 'openai/cand', weight: 1 }],
          allocation: { reward: 'success', floor: 0.1, intervalSeconds: 60, minSamples: 20, stopProbability: 0.9999, seed: 7 },
        },
      });
      expect(started.status).toBe(201);
      expect(started.body.allocation).toMatchObject({ kind: 'thompson', reward: 'success', floor: 0.1, autoStop: true });
      const id = String(started.body.id);
      const t0 = Date.now() - 2_000;
      await backdate(id, t0);
      const decisionTime = Date.now() + 61_000;
      // Nothing is due before the interval has passed.
      const allocator = s.handle.services.deployments.experimentAllocator;
      expect(await allocator.tick(Date.now())).toEqual([]);

      // The control fails one request in three, the candidate one in twenty.
      await traces([...many(60, { route: 'bandit', model: 'openai/control', at: t0, failEvery: 3 }), ...many(60, { route: 'bandit', model: 'openai/cand', at: t0 + 100, failEvery: 20 })]);
      const replica = new ExperimentAllocator({ experiments: s.handle.services.deployments.experiments, actor: systemActor(s.handle.services.defaultProject.id) });
      const both = (await Promise.all([allocator.tick(decisionTime), replica.tick(decisionTime)])).flat().filter((o) => o.experiment === id);
      const taken = both.filter((o) => o.action === 'allocated');
      expect(taken).toHaveLength(1);
      const decisions = (await s.api('GET', `/api/experiments/${id}/decisions`)).body.data as { seq: number; kind: string; shares: Record<string, number>; probabilityBest: Record<string, number>; rewards: Record<string, { n: number }>; revision: number | null }[];
      expect(decisions.map((d) => [d.seq, d.kind])).toEqual([
        [0, 'start'],
        [1, 'allocation'],
      ]);
      const first = decisions[1];
      expect(first.rewards).toEqual({ control: { n: 60, mean: 40 / 60 }, candidate: { n: 60, mean: 57 / 60 } });
      expect(first.probabilityBest.candidate).toBeGreaterThan(0.99);
      expect(first.shares.candidate).toBeGreaterThan(0.85);
      expect(first.shares.control).toBeGreaterThanOrEqual(0.1);
      // The gateway picks targets by the route's weights: the decision wrote them.
      const route = await s.api('GET', '/api/routes/bandit');
      expect(route.body.revision).toBe(first.revision);
      const weights = (route.body.config as { targets: { model: string; weight: number }[] }).targets;
      expect(weights.map((t) => t.model)).toEqual(['openai/control', 'openai/cand']);
      expect(weights[1].weight / (weights[0].weight + weights[1].weight)).toBeCloseTo(first.shares.candidate, 3);
      // The next decision is not due before another interval has passed.
      expect(await allocator.tick(decisionTime)).toEqual([]);

      // More of the same: the candidate is now best beyond the stopping probability; it takes the route.
      await traces([...many(300, { route: 'bandit', model: 'openai/cand', at: t0 + 200, failEvery: 20 }), ...many(40, { route: 'bandit', model: 'openai/control', at: t0 + 600, failEvery: 3 })]);
      const stop = (await allocator.tick(decisionTime + 61_000)).find((o) => o.experiment === id);
      expect(stop).toMatchObject({ action: 'stopped', decision: { kind: 'stop', winner: 'candidate', shares: { candidate: 1, control: 0 } } });
      const experiment = await s.api('GET', `/api/experiments/${id}`);
      expect(experiment.body).toMatchObject({ status: 'stopped', winner: 'candidate' });
      expect((await s.api('GET', '/api/routes/bandit')).body.config).toMatchObject({ policy: 'single', targets: [{ model: 'openai/cand' }] });
      const history = (await s.api('GET', `/api/experiments/${id}/decisions`)).body.data as { kind: string; reason: string }[];
      expect(history.map((d) => d.kind)).toEqual(['start', 'allocation', 'stop']);
      expect(history[2].reason).toMatch(/candidate is best on success with probability/);
    });

    it('rolls a canary back on a regression its sequential guard proves, and shows the verdict', async () => {
      await putRoute('seq-canary', single('openai/base'));
      const start = await s.api('POST', '/api/rollouts', {
        body: { route: 'seq-canary', target: 'openai/worse', steps: [50, 100], minStepSeconds: 60, minRequests: 40, guards: { test: 'sequential', maxErrorRateIncrease: 0.05 } },
      });
      expect(start.status).toBe(201);
      expect(start.body).toMatchObject({ guards: { test: 'sequential', alpha: 0.05 }, verdict: null });
      const id = String(start.body.id);
      const controller = s.handle.services.deployments.rolloutController;
      const t = Date.now();
      // 40 requests each; the canary fails one in ten (10 %) against none: above the 5-point margin,
      // but not yet proven: the guard holds and says why.
      await traces([...many(40, { route: 'seq-canary', model: 'openai/base', at: t }), ...many(40, { route: 'seq-canary', model: 'openai/worse', at: t + 50, failEvery: 10 })]);
      expect((await controller.tick(t + 1_000)).find((o) => o.rollout === id)).toEqual({ rollout: id, action: 'waiting' });
      const held = (await s.api('GET', `/api/rollouts/${id}`)).body as { verdict: { checks: unknown[] } };
      expect(held.verdict).toMatchObject({ test: 'sequential', ok: true, enough: true, canaryRequests: 40, baselineRequests: 40, percent: 50 });
      const errors = (held.verdict.checks as { metric: string; broken: boolean; lower: number; upper: number; limit: number }[]).find((c) => c.metric === 'errorRate');
      expect(errors).toMatchObject({ broken: false, limit: 0.05 });
      expect(errors?.upper).toBeGreaterThan(0.05);
      // Then it fails half its requests: the confidence sequence lies above the margin, so it rolls back.
      await traces([...many(150, { route: 'seq-canary', model: 'openai/base', at: t + 200 }), ...many(150, { route: 'seq-canary', model: 'openai/worse', at: t + 400, failEvery: 2 })]);
      const outcome = (await controller.tick(t + 2_000)).find((o) => o.rollout === id);
      expect(outcome).toMatchObject({ rollout: id, action: 'rolled_back' });
      const rolled = (await s.api('GET', `/api/rollouts/${id}`)).body;
      expect(rolled).toMatchObject({ status: 'rolled_back', verdict: { ok: false, test: 'sequential' } });
      expect(String(rolled.reason)).toMatch(/errorRate difference .* above the allowed 0\.0500 \(sequential test/);
    });

    it('refuses bad allocation and guard input, and hides other projects’ experiments', async () => {
      await putRoute('bad', single('openai/a'));
      const arms = [{ name: 'a', model: 'openai/a', weight: 1 }, { name: 'b', model: 'openai/b', weight: 1 }, { name: 'c', model: 'openai/c', weight: 1 }];
      const floor = await s.api('POST', '/api/experiments', { body: { route: 'bad', name: 'x', arms, allocation: { reward: 'success', floor: 0.4 } } });
      expect(floor.status).toBe(400);
      expect(floor.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const reward = await s.api('POST', '/api/experiments', { body: { route: 'bad', name: 'x', arms, allocation: { reward: 'likes' } } });
      expect(reward.status).toBe(400);
      expect(reward.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const test = await s.api('POST', '/api/experiments', { body: { route: 'bad', name: 'x', arms, test: 'bayesian' } });
      expect(test.status).toBe(400);
      const guard = await s.api('POST', '/api/rollouts', { body: { route: 'bad', target: 'openai/b', guards: { test: 'sequential', alpha: 2 } } });
      expect(guard.status).toBe(400);
      expect(guard.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });

      const mine = await s.api('POST', '/api/experiments', { body: { route: 'bad', name: 'mine', arms, allocation: { reward: 'feedback' } } });
      expect(mine.status).toBe(201);
      const other = await s.api('POST', '/api/projects', { body: { name: 'elsewhere-experiments' } });
      expect(other.status).toBe(201);
      const otherKey = String((await s.api('POST', '/api/keys', { body: { name: 'elsewhere-admin', role: 'admin', project: String(other.body.id) } })).body.key);
      const leak = await s.api('GET', `/api/experiments/${String(mine.body.id)}/decisions`, { key: otherKey });
      expect(leak.status).toBe(404);
      expect(leak.body.error).toMatchObject({ code: 'EXPERIMENT_NOT_FOUND' });
    });
  });
}
