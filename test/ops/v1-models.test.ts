// GET /v1/models lists what the caller's project may call from the store — routes, registry
// versions, aliases, a model's bare name (its production alias), the provider models versions pin,
// providers added through /api/providers and what they list — the same on every replica, in the
// shape of OpenAI's `ListModelsResponse`, and nothing of another project.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { OPENAI_SPEC_PATH, specViolations } from '../harness/openai-spec.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const postgres = ENGINES.find((e) => e.name === 'postgres');

interface ModelList {
  object: string;
  data: { id: string; object: string; created: number; owned_by: string }[];
}

async function list(s: TestSteward, key?: string): Promise<ModelList> {
  const response = await s.api('GET', '/v1/models', { key });
  expect(response.status, response.text).toBe(200);
  return response.body as unknown as ModelList;
}

const ids = (l: ModelList) => l.data.map((m) => m.id).sort();

describe.runIf(postgres && TEST_REDIS_URL)('/v1/models on two replicas (PostgreSQL + Redis)', () => {
  let a: TestSteward;
  let b: TestSteward;
  let upstream: StandIn;
  beforeAll(async () => {
    upstream = await startOpenAiStandIn({ apiKey: 'sk-upstream' });
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    // Replicas share one master key (as STEWARD_MASTER_KEY in a deployment): B opens the provider key A sealed.
    const overrides = { 'security.masterKey': randomBytes(32).toString('base64') };
    a = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, overrides });
    b = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, schema: a.schema, overrides });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await upstream?.close();
  });

  it('lists routes, registry names, pinned and provider models, the same on both replicas', async () => {
    expect((await a.api('POST', '/api/providers', { body: { name: 'extra', family: 'openai', baseUrl: upstream.url, apiKey: 'sk-upstream' } })).status).toBe(201);
    expect((await a.api('POST', '/api/models', { body: { name: 'bot' } })).status).toBe(201);
    // A model the upstream does not list (a private deployment): callable, so listed, through the version.
    expect((await a.api('POST', '/api/models/bot/versions', { body: { spec: { provider: 'extra', model: 'gpt-4o-private' } } })).status).toBe(201);
    expect((await a.api('POST', '/api/models/bot/versions/1/stage', { body: { stage: 'production' } })).status).toBe(200);
    expect((await a.api('PUT', '/api/routes/greeter', { body: { config: { name: 'greeter', targets: [{ model: 'bot' }] } } })).status).toBe(200);

    const expected = ['greeter', 'bot-001', 'bot@production', 'bot', 'extra/gpt-4o-private', 'extra/gpt-4o-mini', 'extra/text-embedding-3-small', 'builtin/steward-mini'];
    const onA = await list(a);
    expect(ids(onA)).toEqual(expect.arrayContaining(expected));
    // B learns of the provider and the route through the change feed; the bound (60 s) only turns a lost notification into a failure.
    let onB = await list(b);
    for (let i = 0; i < 300 && ids(onB).join() !== ids(onA).join(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      onB = await list(b);
    }
    expect(ids(onB)).toEqual(ids(onA));
    expect(new Set(ids(onA)).size).toBe(onA.data.length);
    if (OPENAI_SPEC_PATH) {
      expect(specViolations('ListModelsResponse', onA)).toEqual([]);
      expect(specViolations('ListModelsResponse', onB)).toEqual([]);
    }
    // Every listed id is callable by that name on the other replica.
    for (const id of ['bot', 'bot@production', 'extra/gpt-4o-private']) {
      const one = await b.api('GET', `/v1/models/${id}`);
      expect(one.status, `${id}: ${one.text}`).toBe(200);
      if (OPENAI_SPEC_PATH) expect(specViolations('Model', one.body)).toEqual([]);
    }
    const answer = await b.api('POST', '/v1/chat/completions', { body: { model: 'bot', messages: [{ role: 'user', content: 'Hi' }] } });
    expect(answer.status, answer.text).toBe(200);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-private' });
  });

  it('lists nothing of another project', async () => {
    const other = await a.api('POST', '/api/projects', { body: { name: `elsewhere-${randomBytes(3).toString('hex')}` } });
    expect(other.status, other.text).toBe(201);
    const key = String((await a.api('POST', '/api/keys', { body: { name: 'elsewhere-admin', role: 'admin', project: String(other.body.id) } })).body.key);
    for (const s of [a, b]) {
      const theirs = ids(await list(s, key));
      expect(theirs).toContain('builtin/steward-mini');
      for (const id of ['greeter', 'bot', 'bot-001', 'bot@production', 'extra/gpt-4o-private', 'extra/gpt-4o-mini']) expect(theirs).not.toContain(id);
    }
  });
});
