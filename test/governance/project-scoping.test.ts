// Two projects on one real server, over every engine: project B's admin key can neither list, get,
// change nor delete project A's objects (404, never 403 and never the object), and /v1 with B's key
// cannot call A's route, registry version or provider. Each project may use the same names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type ApiResponse, type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

interface Project {
  id: string;
  key: string;
  keyId: string;
}

const ids = (res: ApiResponse, field = 'id') => (res.body.data ?? []).map((x) => String((x as Record<string, unknown>)[field]));

for (const engine of ENGINES) {
  describe(`project scoping on ${engine.name}`, () => {
    let s: TestSteward;
    let upstream: StandIn;
    let a: Project;
    let b: Project;
    let traceId: string;
    let rolloutId: string;
    let experimentId: string;

    async function project(name: string): Promise<Project> {
      const created = await s.api('POST', '/api/projects', { body: { name } });
      expect(created.status, created.text).toBe(201);
      const id = String(created.body.id);
      const key = await s.api('POST', '/api/keys', { body: { name: `${name}-admin`, role: 'admin', project: id } });
      expect(key.status, key.text).toBe(201);
      return { id, key: String(key.body.key), keyId: String((key.body.record as { id: string }).id) };
    }

    const as = (p: Project) => ({
      get: (path: string) => s.api('GET', path, { key: p.key }),
      send: (method: string, path: string, body?: unknown) => s.api(method, path, { key: p.key, body }),
    });

    beforeAll(async () => {
      upstream = await startOpenAiStandIn();
      s = await startTestSteward(engine, { overrides: { gateway: { traces: { flushMs: 10 } }, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      a = await project('scope-a');
      b = await project('scope-b');
      const own = await as(b).send('POST', '/api/providers', { name: 'b-prov', family: 'openai', baseUrl: upstream.url });
      expect(own.status, own.text).toBe(201);
      const A = as(a);
      const made = [
        await A.send('POST', '/api/providers', { name: 'a-prov', family: 'openai', baseUrl: upstream.url, apiKey: 'sk-a-upstream' }),
        await A.send('POST', '/api/routes', { config: { name: 'a-only', targets: [{ model: 'a-prov/gpt-a' }] } }),
        await A.send('POST', '/api/routes', { config: { name: 'chat', targets: [{ model: 'a-prov/gpt-a' }] } }),
        await A.send('POST', '/api/models', { name: 'a-model', description: 'of project a' }),
        await A.send('POST', '/api/models/a-model/versions', { spec: { provider: 'a-prov', model: 'gpt-a' } }),
        await A.send('PUT', '/api/prices', { provider: 'a-prov', model: 'gpt-a', inputPerMTok: 1, outputPerMTok: 2 }),
        await A.send('POST', '/api/prompts', { name: 'a-prompt', template: { text: 'secret template of a {{who}}' }, variables: [{ name: 'who' }], labels: ['production'] }),
      ];
      for (const res of made) expect(res.status, res.text).toBeLessThan(300);
      const call = await A.send('POST', '/v1/chat/completions', { model: 'a-only', messages: [{ role: 'user', content: 'secret question of a' }], max_tokens: 5 });
      expect(call.status, call.text).toBe(200);
      traceId = String(call.headers.get('x-steward-trace-id'));
      const feedback = await A.send('POST', '/api/feedback', { traceId, thumb: 'up', comment: 'a liked it' });
      expect(feedback.status, feedback.text).toBe(201);
      const rollout = await A.send('POST', '/api/rollouts', { route: 'a-only', target: 'a-prov/gpt-a2', steps: [50, 100] });
      expect(rollout.status, rollout.text).toBe(201);
      rolloutId = String(rollout.body.id);
      const experiment = await A.send('POST', '/api/experiments', { route: 'chat', name: 'a-exp', arms: [{ name: 'x', model: 'a-prov/gpt-a', weight: 1 }, { name: 'y', model: 'a-prov/gpt-b', weight: 1 }] });
      expect(experiment.status, experiment.text).toBe(201);
      experimentId = String(experiment.body.id);
    }, 120_000);

    afterAll(async () => {
      await s?.close();
      await upstream?.close();
    });

    it('keeps traces and feedback inside their project: another project’s trace is 404 on read and on feedback', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/traces?bodies=true'))).not.toContain(traceId);
      for (const path of [`/api/traces/${traceId}`, `/api/traces/${traceId}/feedback`]) {
        const res = await B.get(path);
        expect(res.status, path).toBe(404);
        expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
        expect(res.text).not.toContain('secret question of a');
      }
      const write = await B.send('POST', '/api/feedback', { traceId, thumb: 'down', comment: 'b was here' });
      expect(write.status).toBe(404);
      expect(write.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
      // A still sees its trace with its one piece of feedback.
      const own = await as(a).get(`/api/traces/${traceId}`);
      expect(own.status).toBe(200);
      expect((own.body.feedback as unknown[]).length).toBe(1);
    });

    it('keeps routes and their revisions inside their project, and lets both projects own a route of the same name', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/routes'), 'name')).not.toContain('a-only');
      for (const path of ['/api/routes/a-only', '/api/routes/a-only/revisions', '/api/routes/a-only/revisions/1', '/api/limits/routes/a-only', '/api/routes/a-only/diff?a=1&b=2']) {
        expect((await B.get(path)).status, path).toBe(404);
      }
      expect((await B.send('DELETE', '/api/routes/a-only')).status).toBe(404);
      expect((await B.send('POST', '/api/routes/a-only/rollback', {})).status).toBe(404);
      // B's own `chat` is a new route of B (revision 1), not a revision of A's.
      const mine = await B.send('POST', '/api/routes', { config: { name: 'chat', targets: [{ model: 'b-prov/gpt-b' }] } });
      expect(mine.status, mine.text).toBe(201);
      expect(mine.body).toMatchObject({ name: 'chat', revision: 1 });
      const theirs = await as(a).get('/api/routes/chat');
      expect(theirs.status).toBe(200);
      expect(JSON.stringify(theirs.body)).not.toContain('b-prov');
      expect((await as(a).get('/api/routes/a-only')).status).toBe(200);
    });

    it('keeps registry models, versions and aliases inside their project', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/models'), 'name')).not.toContain('a-model');
      for (const path of ['/api/models/a-model', '/api/models/a-model/versions', '/api/models/a-model/versions/1', '/api/models/a-model/card', '/api/models/a-model/aliases', '/api/models/a-model/versions/1/history', '/api/models/a-model/versions/1/gates']) {
        expect((await B.get(path)).status, path).toBe(404);
      }
      const writes: [string, string, unknown][] = [
        ['PATCH', '/api/models/a-model', { description: 'changed by b' }],
        ['POST', '/api/models/a-model/versions', { spec: { provider: 'b-prov', model: 'gpt-b' } }],
        ['POST', '/api/models/a-model/versions/1/stage', { stage: 'staging' }],
        ['PUT', '/api/models/a-model/aliases/canary', { version: '1' }],
        ['POST', '/api/models/a-model/versions/1/approvals', { gate: 'quality' }],
      ];
      for (const [method, path, body] of writes) expect((await B.send(method, path, body)).status, `${method} ${path}`).toBe(404);
      const own = await as(a).get('/api/models/a-model/versions');
      expect(own.status).toBe(200);
      expect(own.body.data).toHaveLength(1);
      expect((own.body.data as { status: string }[])[0].status).toBe('candidate');
    });

    it('lets each project have a model and a prompt of the same name, without telling it about the other', async () => {
      for (const p of [a, b]) {
        const P = as(p);
        const tag = p === a ? 'a' : 'b';
        const model = await P.send('POST', '/api/models', { name: 'same-model', description: `of project ${tag}` });
        expect(model.status, model.text).toBe(201);
        const version = await P.send('POST', '/api/models/same-model/versions', { spec: { provider: `${tag}-prov`, model: `gpt-${tag}` } });
        expect(version.status, version.text).toBe(201);
        expect(version.body).toMatchObject({ name: 'same-model-001' });
        const prompt = await P.send('POST', '/api/prompts', { name: 'same-prompt', template: { text: `${tag} template {{who}}` }, variables: [{ name: 'who' }] });
        expect(prompt.status, prompt.text).toBe(201);
      }
      expect((await as(a).get('/api/models/same-model')).body).toMatchObject({ description: 'of project a' });
      expect((await as(b).get('/api/models/same-model')).body).toMatchObject({ description: 'of project b' });
      expect(JSON.stringify((await as(a).get('/api/prompts/same-prompt/versions')).body)).not.toContain('b template');
      // /v1 resolves the name in the caller's project: each version pins its own project's provider model.
      for (const p of [a, b]) {
        const call = await as(p).send('POST', '/v1/chat/completions', { model: 'same-model-001', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
        expect(call.status, call.text).toBe(200);
        const trace = await as(p).get(`/api/traces/${call.headers.get('x-steward-trace-id')}`);
        expect(trace.body).toMatchObject({ provider: p === a ? 'a-prov' : 'b-prov' });
      }
    });

    it('keeps prompts, their versions and labels inside their project', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/prompts'), 'name')).not.toContain('a-prompt');
      for (const path of ['/api/prompts/a-prompt', '/api/prompts/a-prompt/versions', '/api/prompts/a-prompt/versions/1', '/api/prompts/a-prompt/labels']) {
        const res = await B.get(path);
        expect(res.status, path).toBe(404);
        expect(res.text).not.toContain('secret template of a');
      }
      const writes: [string, string, unknown][] = [
        ['POST', '/api/prompts/a-prompt/versions', { template: { text: 'changed by b' } }],
        ['PUT', '/api/prompts/a-prompt/labels/production', { version: 1 }],
        ['POST', '/api/prompts/a-prompt/render', { variables: { who: 'b' } }],
      ];
      for (const [method, path, body] of writes) expect((await B.send(method, path, body)).status, `${method} ${path}`).toBe(404);
      // A route of B cannot bind A's prompt either: the prompt is looked up in B's project.
      const bound = await B.send('POST', '/api/routes', { config: { name: 'b-bound', targets: [{ model: 'b-prov/gpt-b' }], prompt: { name: 'a-prompt', label: 'production' } } });
      if (bound.status < 300) {
        const call = await B.send('POST', '/v1/chat/completions', { model: 'b-bound', variables: { who: 'b' }, messages: [], max_tokens: 5 });
        expect(call.status).toBeGreaterThanOrEqual(400);
        expect(call.text).not.toContain('secret template of a');
      }
      const own = await as(a).get('/api/prompts/a-prompt/versions');
      expect(own.body.data).toHaveLength(1);
    });

    it('keeps prices and key limits inside their project', async () => {
      const B = as(b);
      expect(JSON.stringify((await B.get('/api/prices')).body)).not.toContain('a-prov');
      expect((await B.send('DELETE', '/api/prices/a-prov/gpt-a')).status).toBe(404);
      // B's price of the same provider model is B's own row: A's stays as it was.
      expect((await B.send('PUT', '/api/prices', { provider: 'a-prov', model: 'gpt-a', inputPerMTok: 99, outputPerMTok: 99 })).status).toBe(200);
      expect((await as(a).get('/api/prices')).body.data).toEqual([expect.objectContaining({ provider: 'a-prov', model: 'gpt-a', inputPerMTok: 1, outputPerMTok: 2 })]);
      expect((await B.send('DELETE', '/api/prices/a-prov/gpt-a')).status).toBe(204);
      expect((await as(a).get('/api/prices')).body.data).toHaveLength(1);
      expect((await as(a).send('PUT', `/api/limits/keys/${a.keyId}`, { budgetUsd: 7, budgetPeriod: 'day' })).status).toBe(200);
      expect((await B.get(`/api/limits/keys/${a.keyId}`)).status).toBe(404);
      expect((await B.send('PUT', `/api/limits/keys/${a.keyId}`, { budgetUsd: 1000, budgetPeriod: 'day' })).status).toBe(404);
      expect((await B.send('DELETE', `/api/limits/keys/${a.keyId}`)).status).toBe(404);
      expect((await as(a).get(`/api/limits/keys/${a.keyId}`)).body).toMatchObject({ limits: { budgetUsd: 7 }, override: true });
    });

    it('keeps providers inside their project unless the owner shares them', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/providers'), 'name')).not.toContain('a-prov');
      expect((await B.get('/api/providers/a-prov')).status).toBe(404);
      expect((await B.send('DELETE', '/api/providers/a-prov')).status).toBe(404);
      // Names are per project: B's `a-prov` is B's own provider; A's stays as it was and keeps answering.
      const own = await B.send('PUT', '/api/providers/a-prov', { family: 'openai', baseUrl: 'http://127.0.0.1:9/v1' });
      expect(own.status, own.text).toBe(200);
      expect((await B.get('/api/providers/a-prov')).body).toMatchObject({ baseUrl: 'http://127.0.0.1:9/v1' });
      expect((await as(a).get('/api/providers/a-prov')).body).toMatchObject({ baseUrl: upstream.url, shared: false, hasApiKey: true });
      const viaA = await as(a).send('POST', '/v1/chat/completions', { model: 'a-prov/gpt-a', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
      expect(viaA.status, viaA.text).toBe(200);
      const viaB = await B.send('POST', '/v1/chat/completions', { model: 'a-prov/gpt-a', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
      expect(viaB.status).toBeGreaterThanOrEqual(500);
      expect((await B.send('DELETE', '/api/providers/a-prov')).status).toBe(204);
      expect((await as(a).get('/api/providers/a-prov')).status).toBe(200);
      // Its key is a secret of A's project: B does not see it and cannot remove it.
      expect(JSON.stringify((await B.get('/api/secrets')).body)).not.toContain('a-prov');
      expect(JSON.stringify((await s.api('GET', '/api/secrets')).body)).not.toContain('a-prov');
      // A project admin cannot share; the owner shares its own providers, and then B may call them.
      expect((await as(a).send('PUT', '/api/providers/a-prov', { family: 'openai', baseUrl: upstream.url, shared: true })).status).toBe(403);
      expect((await s.api('DELETE', '/api/providers/a-prov')).status).toBe(404);
      const shared = await s.api('POST', '/api/providers', { body: { name: 'owner-prov', family: 'openai', baseUrl: upstream.url, apiKey: 'sk-owner-upstream', shared: true } });
      expect(shared.status, shared.text).toBe(201);
      expect((await B.get('/api/providers/owner-prov')).body).toMatchObject({ shared: true, hasApiKey: true });
      expect((await B.send('DELETE', '/api/providers/owner-prov')).status).toBe(404);
      const call = await B.send('POST', '/v1/chat/completions', { model: 'owner-prov/gpt-x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
      expect(call.status, call.text).toBe(200);
      expect((await s.api('PUT', '/api/providers/owner-prov', { body: { family: 'openai', baseUrl: upstream.url, shared: false } })).status).toBe(200);
      expect((await B.get('/api/providers/owner-prov')).status).toBe(404);
      const after = await B.send('POST', '/v1/chat/completions', { model: 'owner-prov/gpt-x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
      expect(after.status).toBe(404);
    });

    it('never answers one project from another project’s cached response for a route of the same name', async () => {
      for (const [p, target] of [[a, 'a-prov/gpt-a'], [b, 'b-prov/gpt-b']] as const) {
        const made = await as(p).send('POST', '/api/routes', { config: { name: 'cached', targets: [{ model: target }], cache: { enabled: true } } });
        expect(made.status, made.text).toBe(201);
        expect(made.body).toMatchObject({ revision: 1 });
      }
      const ask = { model: 'cached', messages: [{ role: 'user', content: 'the same question' }], max_tokens: 5 };
      const first = await as(a).send('POST', '/v1/chat/completions', ask);
      expect(first.status, first.text).toBe(200);
      // The cache write is off the response path: ask again until A is answered from its cache.
      let cached: string | null = null;
      for (let i = 0; i < 50 && cached !== 'hit'; i++) cached = (await as(a).send('POST', '/v1/chat/completions', ask)).headers.get('x-steward-cache');
      expect(cached).toBe('hit');
      const other = await as(b).send('POST', '/v1/chat/completions', ask);
      expect(other.status, other.text).toBe(200);
      expect(other.headers.get('x-steward-cache')).not.toBe('hit');
      expect(other.body).toMatchObject({ model: 'gpt-b' });
    });

    it('resolves /v1 names inside the caller’s project: B cannot call A’s route, registry version or provider', async () => {
      const B = as(b);
      for (const model of ['a-only', 'a-model-001', 'a-model@latest', 'a-prov/gpt-a']) {
        const res = await B.send('POST', '/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
        expect(res.status, model).toBe(404);
        expect(res.body).toMatchObject({ error: { code: 'model_not_found' } });
        expect((await B.get(`/v1/models/${encodeURIComponent(model)}`)).status, model).toBe(404);
      }
      const listed = ids(await B.get('/v1/models'));
      for (const name of ['a-only', 'a-model-001', 'a-model@latest']) expect(listed).not.toContain(name);
      expect(listed.some((id) => id.startsWith('a-prov/'))).toBe(false);
      // A itself still calls them.
      const own = await as(a).send('POST', '/v1/chat/completions', { model: 'a-model-001', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
      expect(own.status, own.text).toBe(200);
    });

    it('decides a model’s promotion gates with its own project’s gates, never a gate of the same name elsewhere', async () => {
      expect((await as(a).send('PATCH', '/api/models/a-model', { gates: ['quality'] })).status).toBe(200);
      const gate = await as(b).send('PUT', '/api/evals/gates/quality', { rules: ['accuracy >= 0.1'] });
      expect(gate.status, gate.text).toBe(200);
      const checked = await as(a).get('/api/models/a-model/versions/1/gates');
      expect(checked.status, checked.text).toBe(200);
      const quality = (checked.body.data as { gate: string; passed: boolean; reason: string }[]).find((g) => g.gate === 'quality');
      expect(quality?.passed).toBe(false);
      expect(quality?.reason).toContain('no evaluation gate of that name');
      expect(ids(await as(a).get('/api/evals/gates'), 'name')).not.toContain('quality');
    });

    it('keeps rollouts and experiments inside their project', async () => {
      const B = as(b);
      expect(ids(await B.get('/api/rollouts'))).not.toContain(rolloutId);
      expect(ids(await B.get('/api/experiments'))).not.toContain(experimentId);
      for (const path of [`/api/rollouts/${rolloutId}`, `/api/rollouts/${rolloutId}/events`, `/api/experiments/${experimentId}`, `/api/experiments/${experimentId}/results`]) {
        expect((await B.get(path)).status, path).toBe(404);
      }
      for (const path of [`/api/rollouts/${rolloutId}/pause`, `/api/rollouts/${rolloutId}/abort`, `/api/experiments/${experimentId}/stop`]) {
        expect((await B.send('POST', path, {})).status, path).toBe(404);
      }
      expect((await as(a).get(`/api/rollouts/${rolloutId}`)).body).toMatchObject({ status: 'running' });
      expect((await as(a).get(`/api/experiments/${experimentId}`)).body).toMatchObject({ status: 'running' });
    });

    it('keeps ingested spans inside their project: the same OTLP ids sent by another project never replace them', async () => {
      const traceIdHex = '5b8efff798038103d269b633813fc60c';
      const otlp = (name: string) => ({
        resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: traceIdHex, spanId: 'eee19b7ec3c1b174', name, kind: 1, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000', attributes: [] }] }] }],
      });
      const sent = await as(a).send('POST', '/v1/traces', otlp('a-span'));
      expect(sent.status, sent.text).toBeLessThan(300);
      const other = await as(b).send('POST', '/v1/traces', otlp('b-span'));
      expect(other.status, other.text).toBeLessThan(300);
      const spansOf = async (p: Project) => JSON.stringify((await as(p).get(`/api/spans/${traceIdHex}`)).body);
      expect(await spansOf(a)).toContain('a-span');
      expect(await spansOf(a)).not.toContain('b-span');
      expect(await spansOf(b)).toContain('b-span');
      expect(await spansOf(b)).not.toContain('a-span');
    });

    it('keeps datasets, alerts, drift monitors, annotation queues and their traces inside their project', async () => {
      const A = as(a);
      const B = as(b);
      const made = {
        dataset: await A.send('POST', '/api/datasets', { name: 'a-data', description: 'of a' }),
        channel: await A.send('POST', '/api/alerts/channels', { name: 'a-channel', kind: 'log' }),
        rule: undefined as ApiResponse | undefined,
        monitor: await A.send('POST', '/api/drift/monitors', { name: 'a-drift', config: { route: 'a-only', features: ['output_length'], currentWindowSeconds: 3600, reference: { kind: 'window' } } }),
        queue: await A.send('POST', '/api/annotation/queues', { name: 'a-queue', schema: { fields: [{ name: 'helpful', type: 'boolean' }] }, filter: { route: 'a-only' }, perItem: 1 }),
      };
      made.rule = await A.send('POST', '/api/alerts/rules', { name: 'a-rule', metric: 'error_rate', filter: { route: 'a-only' }, condition: { type: 'threshold', op: '>', value: 0.5 }, windowSeconds: 300, severity: 'warning', channels: ['a-channel'] });
      for (const [what, res] of Object.entries(made)) expect(res?.status, `${what}: ${res?.text}`).toBeLessThan(300);
      const ruleId = String(made.rule.body.id);
      const monitorId = String(made.monitor.body.id);
      const queueId = String(made.queue.body.id);
      const lists = ['/api/datasets', '/api/alerts/rules', '/api/alerts/channels', '/api/drift/monitors', '/api/annotation/queues'];
      for (const path of lists) {
        const res = await B.get(path);
        expect(res.status, path).toBe(200);
        for (const name of ['a-data', 'a-channel', 'a-rule', 'a-drift', 'a-queue']) expect(res.text, path).not.toContain(name);
      }
      for (const path of ['/api/datasets/a-data', `/api/alerts/rules/${ruleId}`, `/api/drift/monitors/${monitorId}`, `/api/annotation/queues/${queueId}`, `/api/annotation/queues/${queueId}/next`]) {
        expect((await B.get(path)).status, path).toBe(404);
      }
      const writes: [string, string, unknown][] = [
        ['POST', '/api/datasets/a-data/versions', { items: [{ input: 'b', reference: 'b' }] }],
        ['PUT', `/api/alerts/rules/${ruleId}`, { name: 'a-rule', metric: 'error_rate', condition: { type: 'threshold', op: '>', value: 0.9 }, windowSeconds: 300, severity: 'warning', channels: [] }],
        ['DELETE', `/api/alerts/rules/${ruleId}`, undefined],
        ['DELETE', '/api/alerts/channels/a-channel', undefined],
        ['DELETE', `/api/drift/monitors/${monitorId}`, undefined],
        ['POST', `/api/annotation/queues/${queueId}/items/${traceId}`, { values: { helpful: true } }],
      ];
      for (const [method, path, body] of writes) {
        const res = await B.send(method, path, body);
        expect(res.status, `${method} ${path}: ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.text).not.toContain('secret question of a');
      }
      // Curation takes the caller's own traces only: B has a chat trace of its own, never A's.
      const mine = await B.send('POST', '/v1/chat/completions', { model: 'b-prov/gpt-b', messages: [{ role: 'user', content: 'question of b' }], max_tokens: 5 });
      expect(mine.status, mine.text).toBe(200);
      expect((await B.get(`/api/traces/${mine.headers.get('x-steward-trace-id')}`)).status).toBe(200);
      expect((await B.send('POST', '/api/datasets', { name: 'b-curated' })).status).toBe(201);
      const curated = await B.send('POST', '/api/datasets/b-curated/from-traces', { filter: {} });
      expect(curated.status, curated.text).toBe(201);
      const items = await B.get('/api/datasets/b-curated/versions/latest/items');
      expect(items.status, items.text).toBe(200);
      expect(items.text).toContain('question of b');
      expect(items.text).not.toContain('secret question of a');
      expect((await A.get(`/api/alerts/rules/${ruleId}`)).status).toBe(200);
      expect((await A.get(`/api/drift/monitors/${monitorId}`)).status).toBe(200);
      expect((await A.get('/api/alerts/channels')).text).toContain('a-channel');
    });

    it('keeps pipelines inside their project', async () => {
      const made = await as(a).send('POST', '/api/pipelines', {
        name: 'a-pipe',
        definition: { triggers: { feedbackCount: 1000 }, curate: { dataset: 'a-curated', route: 'a-only' }, train: { backend: 'command', baseModel: 'base', outputModel: 'a-trained', backendConfig: { command: process.execPath, args: ['-e', '0'] } } },
      });
      expect(made.status, made.text).toBe(201);
      const B = as(b);
      expect((await B.get('/api/pipelines')).text).not.toContain('a-pipe');
      for (const path of ['/api/pipelines/a-pipe', '/api/pipelines/a-pipe/runs']) expect((await B.get(path)).status, path).toBe(404);
      expect((await B.send('POST', '/api/pipelines/a-pipe/runs')).status).toBe(404);
      expect((await as(a).get('/api/pipelines/a-pipe')).status).toBe(200);
    });

    it('applies a document in the caller’s project only: the same names become the caller’s own objects', async () => {
      const document = {
        routes: [{ name: 'a-only', targets: [{ model: 'b-prov/gpt-b' }] }],
        models: [{ name: 'a-model', versions: [{ spec: { provider: 'b-prov', model: 'gpt-b' } }], aliases: {} }],
      };
      const plan = await as(b).send('POST', '/api/apply', { document, dryRun: true });
      expect(plan.status, plan.text).toBe(200);
      // A's route and model are invisible to B's plan: both are new objects of B.
      expect((plan.body.plan as { kind: string; name: string; action: string }[]).filter((p) => p.kind === 'route' || p.kind === 'model')).toEqual([
        expect.objectContaining({ kind: 'model', name: 'a-model', action: 'create' }),
        expect.objectContaining({ kind: 'route', name: 'a-only', action: 'create' }),
      ]);
      const applied = await as(b).send('POST', '/api/apply', { document });
      expect(applied.status, applied.text).toBe(200);
      expect((await as(b).get('/api/routes/a-only')).text).toContain('b-prov/gpt-b');
      expect((await as(a).get('/api/routes/a-only')).text).toContain('a-prov/gpt-a');
      expect((await as(a).get('/api/models/a-model/versions')).body.data).toHaveLength(1);
      expect(JSON.stringify((await as(a).get('/api/models/a-model/versions')).body)).not.toContain('b-prov');
      // Undo, so later checks that B sees none of A's names stay meaningful.
      expect((await as(b).send('DELETE', '/api/routes/a-only')).status).toBe(204);
    });

    it('exports only the caller’s project', async () => {
      const exported = await as(b).get('/api/export');
      expect(exported.status, exported.text).toBe(200);
      for (const name of ['a-only', 'a-prov', 'a-prompt', 'of project a']) expect(exported.text).not.toContain(name);
      const own = await as(a).get('/api/export');
      expect(own.text).toContain('a-only');
      expect(own.text).toContain('a-model');
    });
  });
}
