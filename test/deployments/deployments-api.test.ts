// Deployments over HTTP on every engine: rollback and diff, A-B experiments with live results,
// canary rollouts stepped by the controller (promotion, automatic rollback, replicas), bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RolloutController } from '../../src/deployments/index.js';
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
  describe(`deployments on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
      // Tests drive the controller with their own clock.
      await s.handle.services.deployments.rolloutController.stop();
    });
    afterAll(async () => {
      await s?.close();
    });

    const putRoute = (name: string, config: Record<string, unknown>, reason?: string) => s.api('PUT', `/api/routes/${name}`, { body: { config: { name, ...config }, reason } });
    const single = (model: string) => ({ policy: 'single', targets: [{ model }] });

    /** Traffic as the gateway would have recorded it. */
    async function traces(specs: TraceSpec[]) {
      const db = s.handle.services.store.db;
      for (const t of specs) {
        const id = newId('trace');
        const [provider, model] = t.model.split('/');
        await db
          .insertInto('traces')
          .values({
            id, project_id: s.handle.services.defaultProject.id, created_at: t.at, endpoint: 'chat', requested_model: t.route, route: t.route, route_revision: 1, provider, model, version_id: null, prompt_version_id: null,
            status: t.failed ? 'error' : 'ok', http_status: t.failed ? 502 : 200, error_code: null, error_message: null, stream: 0, cache_hit: 0, key_id: null, user_pseudonym: null, batch_id: null,
            tokens_in: 10, tokens_out: 10, cost_usd: 0.001, ttft_ms: null, latency_ms: t.latencyMs ?? 100, overhead_ms: null, attempts_json: '[]', request_json: null, response_json: null,
          })
          .execute();
        if (t.thumb) await db.insertInto('feedback').values({ id: newId('fb'), project_id: s.handle.services.defaultProject.id, trace_id: id, created_at: t.at, thumb: t.thumb, rating: null, comment: null, correction: null, source: 'api', annotator: null, actor_id: null }).execute();
      }
    }
    const many = (n: number, spec: Omit<TraceSpec, 'latencyMs'> & { latency?: (i: number) => number }) =>
      Array.from({ length: n }, (_, i) => ({ ...spec, at: spec.at + i, latencyMs: spec.latency ? spec.latency(i) : 100 + (i % 7) }));

    it('rolls a route back in one step and diffs revisions', async () => {
      expect((await putRoute('chat', single('openai/a'))).status).toBe(200);
      await putRoute('chat', single('openai/b'), 'try b');
      await putRoute('chat', { ...single('openai/c'), cache: { enabled: true } }, 'try c');
      const back = await s.api('POST', '/api/routes/chat/rollback', { body: { reason: 'c is bad' } });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ revision: 4, rolledBackTo: 2, config: { targets: [{ model: 'openai/b' }] } });
      const revisions = (await s.api('GET', '/api/routes/chat/revisions')).body.data as { revision: number; reason: string }[];
      expect(revisions[0]).toMatchObject({ revision: 4, reason: 'c is bad' });
      const toFirst = await s.api('POST', '/api/routes/chat/rollback?to=1', { body: {} });
      expect(toFirst.body).toMatchObject({ revision: 5, config: { targets: [{ model: 'openai/a' }] } });

      const diff = await s.api('GET', '/api/routes/chat/diff?a=1&b=3');
      expect(diff.body.changes).toEqual(
        expect.arrayContaining([
          { path: 'targets.0.model', kind: 'changed', before: 'openai/a', after: 'openai/c' },
          { path: 'cache.enabled', kind: 'changed', before: false, after: true },
        ]),
      );
      expect(diff.body.changes).toHaveLength(2);
      expect((await s.api('GET', '/api/routes/chat/diff?a=1&b=9')).body.error).toMatchObject({ code: 'ROUTE_REVISION_NOT_FOUND' });
      await putRoute('lonely', single('openai/a'));
      expect((await s.api('POST', '/api/routes/lonely/rollback', { body: {} })).body.error).toMatchObject({ code: 'NOTHING_TO_ROLL_BACK' });
      expect((await s.api('POST', '/api/routes/nowhere/rollback', { body: {} })).status).toBe(404);
    });

    it('runs an A-B experiment with sticky weighted arms and compares them with statistics', async () => {
      await putRoute('ab', single('openai/control'));
      const started = await s.api('POST', '/api/experiments', {
        body: { route: 'ab', name: 'new model', arms: [{ name: 'control', model: 'openai/control', weight: 50 }, { name: 'candidate', model: 'openai/cand', weight: 50 }], sticky: 'user' },
      });
      expect(started.status).toBe(201);
      const id = String(started.body.id);
      const route = await s.api('GET', '/api/routes/ab');
      expect(route.body.config).toMatchObject({ policy: 'weighted', sticky: 'user', targets: [{ model: 'openai/control', weight: 50 }, { model: 'openai/cand', weight: 50 }] });
      expect((await s.api('POST', '/api/experiments', { body: { route: 'ab', name: 'again', arms: [{ name: 'x', model: 'openai/x', weight: 1 }, { name: 'y', model: 'openai/y', weight: 1 }] } })).body.error).toMatchObject({ code: 'EXPERIMENT_RUNNING' });

      // Results cover the experiment from its start up to now. The experiment is dated a second back
      // and its traffic lies within that second, so all of it is in the past without waiting.
      const t0 = Date.now() - 1_000;
      await s.handle.services.store.db.updateTable('route_experiments').set({ started_at: t0 }).where('id', '=', id).execute();
      await traces([
        ...many(40, { route: 'ab', model: 'openai/control', at: t0, latency: (i) => 200 + (i % 10), thumb: 'up' }),
        ...many(40, { route: 'ab', model: 'openai/cand', at: t0 + 40, latency: (i) => 120 + (i % 10), failed: false }),
        ...many(5, { route: 'ab', model: 'openai/cand', at: t0 + 80, failed: true }),
      ]);
      const results = await s.api('GET', `/api/experiments/${id}/results`);
      expect(results.status).toBe(200);
      const arms = results.body.arms as { arm: string; requests: number; errorRate: number }[];
      expect(arms.map((a) => [a.arm, a.requests])).toEqual([
        ['control', 40],
        ['candidate', 45],
      ]);
      expect(arms[1].errorRate).toBeCloseTo(5 / 45, 5);
      const metrics = (results.body.comparisons as { arm: string; metrics: { metric: string; significant: boolean; treatmentBetter: boolean; lower: number; upper: number }[] }[])[0].metrics;
      const latency = metrics.find((m) => m.metric === 'latencyMs');
      expect(latency).toMatchObject({ significant: true, treatmentBetter: true });
      expect(latency?.upper).toBeLessThan(0);
      expect(metrics.find((m) => m.metric === 'errorRate')).toBeDefined();

      const stopped = await s.api('POST', `/api/experiments/${id}/stop`, { body: { winner: 'candidate', reason: 'faster' } });
      expect(stopped.body).toMatchObject({ status: 'stopped', winner: 'candidate' });
      expect((await s.api('GET', '/api/routes/ab')).body.config).toMatchObject({ policy: 'single', targets: [{ model: 'openai/cand' }] });
    });

    it('refuses bad experiments: weights, cycles, unknown ids', async () => {
      await putRoute('w', single('openai/a'));
      const zero = await s.api('POST', '/api/experiments', { body: { route: 'w', name: 'z', arms: [{ name: 'a', model: 'openai/a', weight: 0 }, { name: 'b', model: 'openai/b', weight: 0 }] } });
      expect(zero.body.error).toMatchObject({ code: 'ROUTE_WEIGHTS_INVALID' });
      const negative = await s.api('POST', '/api/experiments', { body: { route: 'w', name: 'n', arms: [{ name: 'a', model: 'openai/a', weight: -1 }, { name: 'b', model: 'openai/b', weight: 3 }] } });
      expect(negative.body.error).toMatchObject({ code: 'ROUTE_WEIGHTS_INVALID' });
      await putRoute('outer', single('w'));
      const cycle = await s.api('POST', '/api/experiments', { body: { route: 'w', name: 'c', arms: [{ name: 'a', model: 'openai/a', weight: 1 }, { name: 'b', model: 'outer', weight: 1 }] } });
      expect(cycle.status).toBe(400);
      expect(cycle.body.error).toMatchObject({ code: 'ROUTE_CYCLE', details: { cycle: ['w', 'outer', 'w'] } });
      expect((await s.api('GET', '/api/experiments/exp_missing/results')).body.error).toMatchObject({ code: 'EXPERIMENT_NOT_FOUND' });
      await putRoute('ping', single('openai/a'));
      await putRoute('pong', single('ping'));
      const loop = await putRoute('ping', single('pong'));
      expect(loop.status).toBe(400);
      expect(loop.body.error).toMatchObject({ code: 'ROUTE_CYCLE', details: { cycle: ['ping', 'pong', 'ping'] } });
      // A route named like the registry model it fronts is not a cycle (the model's production version exists).
      await s.api('POST', '/api/models', { body: { name: 'self' } });
      await s.api('POST', '/api/models/self/versions', { body: { spec: { provider: 'openai', model: 'self' } } });
      await s.api('POST', '/api/models/self/versions/1/stage', { body: { stage: 'production', reason: 'front it' } });
      expect((await putRoute('self', single('self'))).status).toBe(200);
    });

    it('steps a healthy canary forward and promotes it; one replica advances each step', async () => {
      await putRoute('canary', single('openai/base'));
      const start = await s.api('POST', '/api/rollouts', { body: { route: 'canary', target: 'openai/new', steps: [10, 50, 100], minStepSeconds: 60, minRequests: 5 } });
      expect(start.status).toBe(201);
      const id = String(start.body.id);
      expect(start.body).toMatchObject({ status: 'running', percent: 10 });
      expect((await s.api('GET', '/api/routes/canary')).body.config).toMatchObject({ policy: 'weighted', targets: [{ model: 'openai/base', weight: 90 }, { model: 'openai/new', weight: 10 }] });
      expect((await s.api('POST', '/api/rollouts', { body: { route: 'canary', target: 'openai/other' } })).body.error).toMatchObject({ code: 'ROLLOUT_IN_PROGRESS' });

      const controller = s.handle.services.deployments.rolloutController;
      const replica = new RolloutController({ rollouts: s.handle.services.deployments.rollouts, actor: systemActor(s.handle.services.defaultProject.id) });
      let now = Date.now();
      expect(await controller.tick(now)).toEqual([{ rollout: id, action: 'waiting' }]);
      await traces([...many(20, { route: 'canary', model: 'openai/base', at: now }), ...many(6, { route: 'canary', model: 'openai/new', at: now + 50 })]);
      now += 61_000;
      const both = [...(await Promise.all([controller.tick(now), replica.tick(now)])).flat()];
      expect(both.filter((o) => o.action === 'step')).toEqual([{ rollout: id, action: 'step', percent: 50 }]);
      // The other replica did not advance: it lost the claim (skipped) or, when the machine ran the two
      // ticks one after the other, found the step just taken and too young to move (waiting).
      expect(both.filter((o) => o.action !== 'step').map((o) => o.action)).toEqual([expect.stringMatching(/^(skipped|waiting)$/)]);
      expect((await s.api('GET', '/api/routes/canary')).body.config).toMatchObject({ targets: [{ model: 'openai/base', weight: 50 }, { model: 'openai/new', weight: 50 }] });

      expect(await controller.tick(now + 1000)).toEqual([{ rollout: id, action: 'waiting' }]);
      await traces([...many(10, { route: 'canary', model: 'openai/base', at: now + 10 }), ...many(10, { route: 'canary', model: 'openai/new', at: now + 20 })]);
      now += 61_000;
      expect(await controller.tick(now)).toEqual([{ rollout: id, action: 'step', percent: 100 }]);
      await traces(many(10, { route: 'canary', model: 'openai/new', at: now + 10 }));
      now += 61_000;
      expect((await controller.tick(now))[0]).toMatchObject({ rollout: id, action: 'completed' });
      const done = await s.api('GET', `/api/rollouts/${id}`);
      expect(done.body).toMatchObject({ status: 'completed', percent: 100 });
      expect((await s.api('GET', '/api/routes/canary')).body.config).toMatchObject({ policy: 'single', targets: [{ model: 'openai/new' }] });
      const events = (await s.api('GET', `/api/rollouts/${id}/events`)).body.data as { kind: string }[];
      expect(events.map((e) => e.kind)).toEqual(['started', 'step', 'step', 'completed']);
    });

    it('rolls back automatically when a guard breaks, recording why and announcing it', async () => {
      await putRoute('fragile', single('openai/base'));
      const before = (await s.api('GET', '/api/routes/fragile')).body.config;
      const announced: string[] = [];
      const unsubscribe = s.handle.services.feed.subscribe('events', (e) => announced.push(String(e.id)));
      const start = await s.api('POST', '/api/rollouts', { body: { route: 'fragile', target: 'openai/broken', steps: [20, 100], minStepSeconds: 60, minRequests: 5, guards: { maxErrorRateIncrease: 0.1 } } });
      const id = String(start.body.id);
      const t = Date.now();
      await traces([...many(20, { route: 'fragile', model: 'openai/base', at: t }), ...many(6, { route: 'fragile', model: 'openai/broken', at: t + 30, failed: true })]);
      const outcome = (await s.handle.services.deployments.rolloutController.tick(t + 1000)).find((o) => o.rollout === id);
      expect(outcome).toMatchObject({ rollout: id, action: 'rolled_back' });
      const rolled = await s.api('GET', `/api/rollouts/${id}`);
      expect(rolled.body).toMatchObject({ status: 'rolled_back', percent: 0 });
      expect(String(rolled.body.reason)).toMatch(/error rate 100\.0%/);
      expect((await s.api('GET', '/api/routes/fragile')).body.config).toEqual(before);
      const events = (await s.api('GET', `/api/rollouts/${id}/events`)).body.data as { id: string; kind: string }[];
      const rollback = events.find((e) => e.kind === 'rolled_back');
      expect(rollback).toBeDefined();
      expect(announced).toContain(rollback?.id);
      unsubscribe();
      // The route is free again.
      expect((await s.api('POST', '/api/rollouts', { body: { route: 'fragile', target: 'openai/fixed' } })).status).toBe(201);
    });

    it('pauses, resumes and aborts by hand; refuses what the state does not allow', async () => {
      await putRoute('manual', single('openai/base'));
      const id = String((await s.api('POST', '/api/rollouts', { body: { route: 'manual', target: 'openai/new' } })).body.id);
      expect((await s.api('POST', `/api/rollouts/${id}/resume`, { body: {} })).body.error).toMatchObject({ code: 'ROLLOUT_STATE_INVALID' });
      expect((await s.api('POST', `/api/rollouts/${id}/pause`, { body: { reason: 'weekend' } })).body).toMatchObject({ status: 'paused' });
      expect(await s.handle.services.deployments.rolloutController.tick(Date.now() + 3_600_000)).not.toContainEqual(expect.objectContaining({ rollout: id }));
      expect((await s.api('POST', `/api/rollouts/${id}/resume`, { body: {} })).body).toMatchObject({ status: 'running' });
      expect((await s.api('POST', `/api/rollouts/${id}/abort`, { body: { reason: 'changed our mind' } })).body).toMatchObject({ status: 'aborted' });
      expect((await s.api('GET', '/api/routes/manual')).body.config).toMatchObject({ policy: 'single', targets: [{ model: 'openai/base' }] });
      expect((await s.api('POST', `/api/rollouts/${id}/abort`, { body: {} })).body.error).toMatchObject({ code: 'ROLLOUT_STATE_INVALID' });
      expect((await s.api('POST', '/api/rollouts', { body: { route: 'manual', target: 'openai/x', steps: [50, 20, 100] } })).status).toBe(400);
      expect((await s.api('GET', '/api/rollouts/ro_missing')).body.error).toMatchObject({ code: 'ROLLOUT_NOT_FOUND' });
    });
  
    it('keeps rollout state across a restart: a new process picks it up where it was', async () => {
      await putRoute('durable', single('openai/base'));
      const id = String((await s.api('POST', '/api/rollouts', { body: { route: 'durable', target: 'openai/new', steps: [30, 100], minStepSeconds: 1, minRequests: 2 } })).body.id);
      const replica = await startTestSteward(engine, { dataDir: s.dataDir, schema: s.schema, overrides: { providers: [UNREACHABLE_OPENAI] } });
      try {
        await replica.handle.services.deployments.rolloutController.stop();
        const seen = await replica.api('GET', `/api/rollouts/${id}`);
        expect(seen.body).toMatchObject({ status: 'running', percent: 30 });
        const t = Date.now();
        await traces([...many(4, { route: 'durable', model: 'openai/base', at: t }), ...many(3, { route: 'durable', model: 'openai/new', at: t + 10 })]);
        const outcomes = await replica.handle.services.deployments.rolloutController.tick(t + 2000);
        expect(outcomes.filter((o) => o.rollout === id)).toEqual([{ rollout: id, action: 'step', percent: 100 }]);
        expect((await s.api('GET', `/api/rollouts/${id}`)).body).toMatchObject({ percent: 100 });
      } finally {
        await replica.close();
      }
    });
  });
}
