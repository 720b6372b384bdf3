// @steward/sdk against a real Steward, as an application would use it: a key, feedback on a trace,
// an evaluation run waited for, pages of traces, typed errors with their catalogue code, a 429
// retried after its retry-after (on the server's injected clock, so nothing waits on real time), abort.
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sleep, StewardApiError, type StewardClient, StewardConnectionError, abortableSleep, createStewardClient, waitForEvalRun } from '../../packages/sdk/src/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const MODEL = 'builtin/steward-mini';

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const messages = [{ role: 'user' as const, content: 'hello' }];

for (const engine of ENGINES) {
  describe(`@steward/sdk against a real Steward (${engine.name})`, () => {
    let steward: TestSteward;
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const slept: number[] = [];
    // The SDK's waits move the server's clock instead of passing real time.
    const sleepOnClock: Sleep = async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
      clock += ms;
    };
    let admin: StewardClient;

    beforeAll(async () => {
      steward = await startTestSteward(engine, { now: () => clock });
      admin = createStewardClient({ baseUrl: steward.url, apiKey: steward.adminKey, sleep: sleepOnClock });
    });
    afterAll(async () => {
      await steward?.close();
    });

    /** Chats once and answers the trace once the background writer has stored it. */
    async function chatAndTrace(client: StewardClient, content: string): Promise<string> {
      // The chat itself is setup (its OpenAI body is not in Steward's document): the harness sends it.
      const answer = await steward.api('POST', '/v1/chat/completions', { body: { model: MODEL, messages: [{ role: 'user', content }], max_tokens: 2 } });
      expect(answer.status, answer.text).toBe(200);
      const traceId = answer.headers.get('x-steward-trace-id')!;
      for (let i = 0; i < 600; i++) {
        const found = await client.raw.GET('/api/traces/{id}', { params: { path: { id: traceId } } });
        if (found.response.ok) return traceId;
        await abortableSleep(100);
      }
      throw new Error(`trace ${traceId} never reached the store`);
    }

    it('creates a key, and the key works on its own client', async () => {
      const created = await admin.post('/api/keys', { body: { name: 'sdk-dev', role: 'developer' } });
      expect(created.key).toMatch(/^sk-/);
      expect(created.record).toMatchObject({ name: 'sdk-dev', role: 'developer', revokedAt: null });
      const developer = createStewardClient({ baseUrl: steward.url, apiKey: created.key });
      const me = await developer.get('/api/me');
      expect(JSON.stringify(me)).toContain(created.record.id);
    });

    it('logs feedback on a trace and reads it back', async () => {
      const traceId = await chatAndTrace(admin, 'feedback please');
      const feedback = await admin.post('/api/feedback', { body: { traceId, thumb: 'up', rating: 5, comment: 'from the SDK' } });
      expect(feedback).toMatchObject({ traceId, thumb: 'up', rating: 5, comment: 'from the SDK' });
      const listed = await admin.get('/api/traces/{id}/feedback', { params: { path: { id: traceId } } });
      expect(listed.data.map((f) => f.id)).toContain(feedback.id);
    });

    it('starts an evaluation run and waits for it to finish', async () => {
      await admin.post('/api/datasets', { body: { name: 'sdk-eval' } });
      await admin.post('/api/datasets/{name}/versions', { params: { path: { name: 'sdk-eval' } }, body: { items: [{ input: 'Say hi', reference: 'hi' }, { input: 'Say yes', reference: 'yes' }] } });
      const started = await admin.post('/api/evals/runs', { body: { name: 'sdk-run', dataset: 'sdk-eval', target: MODEL, metrics: [{ metric: 'contains' }], params: { max_tokens: 2 } } });
      expect(['queued', 'running']).toContain(started.status);
      const polls: string[] = [];
      // Polls on real time with a generous hang guard (the run calls the builtin model).
      const waiter = createStewardClient({ baseUrl: steward.url, apiKey: steward.adminKey });
      const run = await waitForEvalRun(waiter, started.id, { intervalMs: 100, maxPolls: 1200, onPoll: (r) => polls.push(r.status) });
      expect(run.status).toBe('completed');
      expect(run.progress).toMatchObject({ total: 2, completed: 2, failed: 0 });
      expect(polls.at(-1)).toBe('completed');
    });

    it('pages through traces with the cursor, fetching each page only when reached', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await chatAndTrace(admin, `page ${i}`));
      const pages = [];
      for await (const page of admin.pages('/api/traces', { params: { query: { limit: 2 } } })) pages.push(page);
      const all = pages.flatMap((p) => p.data.map((t) => t.id));
      expect(new Set(all).size).toBe(all.length);
      for (const id of ids) expect(all).toContain(id);
      expect(pages.every((p) => p.data.length <= 2)).toBe(true);
      expect(pages.at(-1)?.next_cursor ?? null).toBeNull();
      const items = [];
      for await (const trace of admin.paginate('/api/traces', { params: { query: { limit: 2 } } })) items.push(trace.id);
      expect(items).toEqual(all);
      // Stopping early stops fetching: the first item needs one page.
      for await (const trace of admin.paginate('/api/traces', { params: { query: { limit: 2 } } })) {
        expect(trace.id).toBe(all[0]);
        break;
      }
    });

    it('throws a typed error carrying the catalogue code', async () => {
      const error = await admin.get('/api/traces/{id}', { params: { path: { id: 'no-such-trace' } } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StewardApiError);
      expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', method: 'GET' });
      expect((error as StewardApiError).message).toMatch(/^NOT_FOUND: /);
      const invalid = await admin.post('/api/feedback', { body: { traceId: '' } }).catch((e: unknown) => e);
      expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      const anonymous = createStewardClient({ baseUrl: steward.url });
      expect(await anonymous.get('/api/traces').catch((e: unknown) => e)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      // /graphql refuses in the GraphQL shape: the first error's message and extensions.code.
      const nested = `{ models { versions { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { name } } } } } } } } } } } } }`;
      const deep = await admin.send('POST', '/graphql', { body: { query: nested } }).catch((e: unknown) => e);
      expect(deep).toMatchObject({ status: 400, code: 'GRAPHQL_QUERY_TOO_DEEP', details: { maxDepth: 12 } });
      expect((deep as StewardApiError).message).toMatch(/^GRAPHQL_QUERY_TOO_DEEP: .*the limit is 12/);
      const closed = await closedPort();
      const nowhere = createStewardClient({ baseUrl: `http://127.0.0.1:${closed}`, apiKey: 'sk-x' });
      const unreachable = await nowhere.get('/api/traces').catch((e: unknown) => e);
      expect(unreachable).toBeInstanceOf(StewardConnectionError);
      expect((unreachable as Error).message).toBe(`cannot reach Steward at http://127.0.0.1:${closed} (ECONNREFUSED)`);
    });

    it('retries a 429 after its retry-after, and gives up past the longest wait', async () => {
      await admin.post('/api/routes', { body: { config: { name: 'sdk-limited', targets: [{ model: MODEL }], limits: { requestsPerMinute: 1 } } } });
      const chat = (client: StewardClient) => client.send('POST', '/v1/chat/completions', { body: { model: 'sdk-limited', messages, max_tokens: 2 } }) as Promise<{ choices: { message: { role: string } }[] }>;
      slept.length = 0;
      await chat(admin);
      // The minute's one request is spent: the server answers 429 with retry-after, the SDK waits
      // that long (on the server's clock) and the retry goes through.
      const second = await chat(admin);
      expect(second.choices[0].message.role).toBe('assistant');
      expect(slept).toHaveLength(1);
      expect(slept[0]).toBeGreaterThan(0);
      expect(slept[0]).toBeLessThanOrEqual(60_000);
      // With a longest wait shorter than the server's retry-after, the 429 is thrown with it.
      const impatient = createStewardClient({ baseUrl: steward.url, apiKey: steward.adminKey, sleep: sleepOnClock, retry: { maxDelayMs: 1 } });
      slept.length = 0;
      const refused = await chat(impatient).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StewardApiError);
      expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
      expect((refused as StewardApiError).retryAfterMs).toBeGreaterThan(1);
      expect(slept).toEqual([]);
      // Retries off: the first 429 is the answer.
      const once = createStewardClient({ baseUrl: steward.url, apiKey: steward.adminKey, sleep: sleepOnClock, retry: false });
      expect(await chat(once).catch((e: unknown) => e)).toMatchObject({ status: 429 });
      expect(slept).toEqual([]);
    });

    it('stops a call, a retry wait and a wait for a run when its signal aborts', async () => {
      const aborted = new AbortController();
      aborted.abort();
      const before = await admin.get('/api/traces', { signal: aborted.signal }).catch((e: unknown) => e);
      expect(before).toMatchObject({ name: 'AbortError' });
      // Aborted while waiting out a 429's retry-after: the real timer is cut short.
      const during = new AbortController();
      const abortingSleep: Sleep = (ms, signal) => {
        during.abort();
        return abortableSleep(ms, signal);
      };
      const client = createStewardClient({ baseUrl: steward.url, apiKey: steward.adminKey, sleep: abortingSleep });
      const cut = await client.send('POST', '/v1/chat/completions', { body: { model: 'sdk-limited', messages, max_tokens: 2 }, signal: during.signal }).catch((e: unknown) => e);
      expect(cut).toMatchObject({ name: 'AbortError' });
      const run = await admin.post('/api/evals/runs', { body: { name: 'sdk-abort', dataset: 'sdk-eval', target: MODEL, metrics: [{ metric: 'contains' }] } });
      const stop = new AbortController();
      stop.abort();
      expect(await waitForEvalRun(admin, run.id, { signal: stop.signal }).catch((e: unknown) => e)).toMatchObject({ name: 'AbortError' });
    });
  });
}
