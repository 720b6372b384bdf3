// The registry and prompts as the gateway uses them, end to end over /v1: a route bound to a prompt
// label renders the client's variables, calls the registry version's pinned provider model, and
// records both versions on the trace; deprecated versions get headers, then 410.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';

const engine = ENGINES[0];

describe(`registry and prompts through the gateway on ${engine.name}`, () => {
  let fx: GatewayFixture;
  beforeAll(async () => {
    fx = await startGatewayFixture(engine);
  });
  afterAll(async () => {
    await fx?.close();
  });
  const v1 = (body: unknown) =>
    fetch(`${fx.steward.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${fx.serviceKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('renders a route’s prompt from variables and records prompt and model versions', async () => {
    const api = fx.steward.api;
    await api('POST', '/api/models', { body: { name: 'bot' } });
    const version = await api('POST', '/api/models/bot/versions', { body: { spec: { provider: 'mock', model: 'gpt-4o-mini', params: { temperature: 0.1 } } } });
    await api('POST', '/api/models/bot/versions/1/stage', { body: { stage: 'production' } });
    const prompt = await api('POST', '/api/prompts', {
      body: { name: 'greet', template: { messages: [{ role: 'system', content: 'You greet {{who}}.' }, { role: 'user', content: 'Say hi to {{who}}' }] }, variables: [{ name: 'who' }], labels: ['production'] },
    });
    const route = await api('PUT', '/api/routes/greeter', { body: { config: { name: 'greeter', targets: [{ model: 'bot' }], prompt: { name: 'greet', label: 'production' } } } });
    expect(route.status).toBe(200);

    const response = await v1({ model: 'greeter', variables: { who: 'Ada' } });
    expect(response.status).toBe(200);
    const sent = fx.mock.requests.at(-1)?.body as { model: string; temperature: number; messages: { role: string; content: string }[] };
    expect(sent).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.1 });
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You greet Ada.' },
      { role: 'user', content: 'Say hi to Ada' },
    ]);
    let trace: { prompt_version_id: string | null; version_id: string | null } | undefined;
    // Polls for the trace writer's flush; the bound (15 s) is only there so a broken flush fails the test.
    for (let i = 0; i < 750 && !trace; i++) {
      trace = await fx.steward.handle.services.store.db.selectFrom('traces').select(['prompt_version_id', 'version_id']).where('route', '=', 'greeter').executeTakeFirst();
      if (!trace) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(trace).toEqual({ prompt_version_id: prompt.body.id, version_id: version.body.id });

    const missing = await v1({ model: 'greeter', variables: {} });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('prompt_variable_missing');
  });

  it('announces deprecation and refuses a version past its sunset', async () => {
    const api = fx.steward.api;
    await api('POST', '/api/models', { body: { name: 'old' } });
    await api('POST', '/api/models/old/versions', { body: { spec: { provider: 'mock', model: 'gpt-4o-mini' } } });
    await api('POST', '/api/models/old/versions', { body: { spec: { provider: 'mock', model: 'gpt-4o' } } });
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await api('POST', '/api/models/old/versions/1/deprecate', { body: { reason: 'replaced', sunsetAt: soon, replacement: 'old-002' } });
    const warned = await v1({ model: 'old-001', messages: [{ role: 'user', content: 'hi' }] });
    expect(warned.status).toBe(200);
    expect(warned.headers.get('sunset')).toBe(new Date(soon).toUTCString());
    expect(warned.headers.get('deprecation')).toMatch(/^@\d+$/);

    await api('POST', '/api/models/old/versions/2/deprecate', { body: { reason: 'gone', deprecatedAt: new Date(Date.now() - 7200_000).toISOString(), sunsetAt: new Date(Date.now() - 3600_000).toISOString() } });
    const gone = await v1({ model: 'old-002', messages: [{ role: 'user', content: 'hi' }] });
    expect(gone.status).toBe(410);
  });
});
