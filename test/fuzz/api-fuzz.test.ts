// Every route of /openapi.json, called with what a careless or hostile client sends: malformed
// JSON, wrong types, oversized strings, deeply nested bodies, odd path parameters (bad
// percent-encoding, dot segments, very long ids) and odd query values. Not one 5xx may come back,
// and every error has the documented shape: the catalogue's on /api, OpenAI's on /v1 (Anthropic's
// on /v1/messages). The generator is seeded and the set of requests is fixed, so a failure
// reproduces exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors/index.js';
import { createSeededRandom } from '../../src/statistics/seeded-random.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const SEED = 1717;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// Operations whose success changes what the rest of the run can do (the caller's own key, the
// master key, the server's life): fuzzed only with bodies that cannot succeed.
const NO_VALID_BODY = [/rotate-master-key/, /\/keys\/\{[^}]+\}\/(revoke|rotate)/, /\/projects\/\{[^}]+\}$/];

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  hasBody: boolean;
  query: string[];
}

interface Sent {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function nestedObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const PATH_VALUES = ['%', '%zz', '%E0%A4%A', '..', '%2e%2e', 'x'.repeat(3000), '%00', 'ünï€ode', '-1', '1e309', "'; drop table models; --", '%2F', 'a b'];
const QUERY_VALUES = ['%', '-1', 'NaN', 'x'.repeat(3000), '1e309', '[]', 'true', '%zz', '2024-13-45'];

function wrongValues(rng: ReturnType<typeof createSeededRandom>): unknown[] {
  return [null, 12, -1, 1e308, true, 'x'.repeat(100_000), [], [1, 'a', null], {}, { nested: { deeper: [{}] } }, rng.next()];
}

/** A body of wrong types for the operation's declared properties. */
function wrongBody(schema: { properties?: Record<string, unknown> } | undefined, rng: ReturnType<typeof createSeededRandom>): Record<string, unknown> {
  const values = wrongValues(rng);
  const names = Object.keys(schema?.properties ?? { name: 1, config: 1, model: 1, messages: 1 });
  return Object.fromEntries(names.map((n) => [n, values[rng.int(values.length)]]));
}

function requestsFor(op: Operation, bodySchema: { properties?: Record<string, unknown> } | undefined, rng: ReturnType<typeof createSeededRandom>): Sent[] {
  const method = op.method.toUpperCase();
  const fill = (value: string) => op.path.replace(/\{[^}]+\}/g, value);
  const sent: Sent[] = [];
  const params = /\{[^}]+\}/.test(op.path);
  const base = fill('fuzz-id');
  if (params) for (const v of PATH_VALUES) sent.push({ method, url: fill(v) });
  for (const q of op.query.slice(0, 4)) for (const v of QUERY_VALUES) sent.push({ method, url: `${base}?${q}=${v}` });
  if (op.hasBody || method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const json = 'application/json';
    sent.push({ method, url: base, body: '{"name": ', contentType: json });
    sent.push({ method, url: base, body: '', contentType: json });
    sent.push({ method, url: base, body: 'null', contentType: json });
    sent.push({ method, url: base, body: '"a string"', contentType: json });
    sent.push({ method, url: base, body: '[1,2,3]', contentType: json });
    sent.push({ method, url: base, body: nested(5_000), contentType: json });
    sent.push({ method, url: base, body: nestedObject(5_000), contentType: json });
    sent.push({ method, url: base, body: '{"a":1}', contentType: 'text/plain' });
    sent.push({ method, url: base, body: '\u0000\u0001binary', contentType: 'application/octet-stream' });
    for (let i = 0; i < 3; i++) sent.push({ method, url: base, body: JSON.stringify(wrongBody(bodySchema, rng)), contentType: json });
    sent.push({ method, url: base, body: JSON.stringify({ ...wrongBody(bodySchema, rng), deep: JSON.parse(nestedObject(1_000)) }), contentType: json });
  }
  if (!params && sent.length === 0) sent.push({ method, url: base });
  return sent;
}

function expectShape(path: string, status: number, text: string): void {
  if (status < 400) return;
  if (text === '') return;
  let body: { error?: Record<string, unknown> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  const error = body.error;
  if (path.startsWith('/v1/messages')) {
    // The Messages surface answers in Anthropic's documented error shape.
    expect(body, `${path} ${status} ${text.slice(0, 300)}`).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
  } else if (path.startsWith('/graphql') && status !== 401 && status !== 403) {
    // GraphQL answers refusals in its own shape, each error with a catalogue code (401/403 come from
    // the auth plugin in the management shape, before the query is read).
    const graphql = body as { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    expect(graphql, `${path} ${status} ${text.slice(0, 300)}`).toMatchObject({ data: null, errors: [{ message: expect.any(String), extensions: { code: expect.any(String) } }] });
    for (const e of graphql.errors ?? []) expect(Object.keys(ERROR_CATALOGUE), `${path}: code ${String(e.extensions?.code)} is not in the catalogue`).toContain(e.extensions?.code);
  } else if (path.startsWith('/v1')) {
    expect(error, `${path} ${status} ${text.slice(0, 300)}`).toMatchObject({ message: expect.any(String), type: expect.any(String), code: expect.any(String) });
  } else {
    expect(error, `${path} ${status} ${text.slice(0, 300)}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(Object.keys(ERROR_CATALOGUE), `${path}: code ${String(error?.code)} is not in the catalogue`).toContain(error?.code);
    expect(Object.keys(error ?? {}).sort()).toEqual(['code', 'details', 'message']);
  }
}

for (const engine of ENGINES.slice(0, 1)) {
  describe(`fuzzing every route of /openapi.json (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('answers a malformed master key with 400, not 500', async () => {
      for (const newKey of ['not-a-key', 'zz'.repeat(32), '', 'a'.repeat(10_000)]) {
        const res = await s.api('POST', '/api/secrets/rotate-master-key', { body: { newKey } });
        expect(res.status, `newKey ${newKey.slice(0, 20)}: ${res.text.slice(0, 200)}`).toBe(400);
        expect((res.body.error as { code: string }).code).toMatch(/^(VALIDATION_FAILED|MASTER_KEY_INVALID)$/);
      }
    });

    it('maps router errors to the catalogue on /api and to OpenAI\'s shape on /v1', async () => {
      const api = await fetch(`${s.url}/api/models/%zz`, { headers: { authorization: `Bearer ${s.adminKey}` } });
      expect(api.status).toBe(400);
      expect(await api.json()).toEqual({ error: { code: 'BAD_URL', message: expect.any(String), details: null } });
      const v1 = await fetch(`${s.url}/v1/files/%E0%A4%A`, { headers: { authorization: `Bearer ${s.adminKey}` } });
      expect(v1.status).toBe(400);
      expect(await v1.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'bad_url' } });
      const long = await fetch(`${s.url}/api/models/${'x'.repeat(3_000)}`, { headers: { authorization: `Bearer ${s.adminKey}` } });
      expect(long.status).toBe(414);
      expect(((await long.json()) as { error: { code: string } }).error.code).toBe('URL_TOO_LONG');
    });

    it('answers malformed, wrong-typed, oversized and deeply nested requests with 4xx in the documented shapes', { timeout: 60_000 }, async () => {
      const doc = (await s.api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
      const rng = createSeededRandom(SEED);
      const operations: { op: Operation; schema: { properties?: Record<string, unknown> } | undefined }[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const spec = item[method];
          if (!spec) continue;
          const schema = spec.requestBody?.content?.['application/json']?.schema;
          const query = (spec.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
          operations.push({ op: { method, path, hasBody: spec.requestBody !== undefined, query }, schema: NO_VALID_BODY.some((r) => r.test(path)) ? { properties: { newKey: 1 } } : schema });
        }
      }
      expect(operations.length).toBeGreaterThan(100);
      const failures: string[] = [];
      let count = 0;
      for (const { op, schema } of operations) {
        for (const req of requestsFor(op, schema, rng)) {
          count++;
          const headers: Record<string, string> = { authorization: `Bearer ${s.adminKey}` };
          if (req.contentType) headers['content-type'] = req.contentType;
          const response = await fetch(s.url + req.url.replace(/ /g, '%20'), { method: req.method, headers, body: req.body });
          const text = await response.text();
          if (response.status >= 500) failures.push(`${req.method} ${req.url.slice(0, 120)} ${req.body?.slice(0, 60) ?? ''} → ${response.status} ${text.slice(0, 200)}`);
          else {
            try {
              expectShape(op.path, response.status, text);
            } catch (error) {
              failures.push(`${req.method} ${req.url.slice(0, 120)} → shape: ${(error as Error).message.slice(0, 300)}`);
            }
          }
        }
      }
      expect(count).toBeGreaterThan(1_000);
      if (failures.length > 0) console.error(`${failures.length} failures of ${count}:\n${failures.join("\n")}`);
      expect(failures.slice(0, 40)).toEqual([]);
    });
  });
}
