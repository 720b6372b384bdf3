// /metrics over HTTP: it needs a key unless STEWARD_METRICS_PUBLIC=true, a metrics or viewer key
// may scrape it, and a project's key sees only its own project's series (no other project's route
// or model names), while the owner sees every series.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposeForProject } from '../../src/server/metrics-registry.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

interface Tenant {
  projectId: string;
  admin: string;
  service: string;
  metrics: string;
  viewer: string;
}

const engine = ENGINES[0];

describe('/metrics', () => {
  let s: TestSteward;
  let upstream: StandIn;
  let red: Tenant;
  let blue: Tenant;

  async function tenant(name: string): Promise<Tenant> {
    const project = (await s.api('POST', '/api/projects', { body: { name } })).body as { id: string };
    const key = async (role: string, as?: string) => String((await s.api('POST', '/api/keys', { key: as, body: { name: `${name} ${role}`, role, project: project.id } })).body.key);
    const admin = await key('admin');
    const t = { projectId: project.id, admin, service: await key('service', admin), metrics: await key('metrics', admin), viewer: await key('viewer', admin) };
    expect((await s.api('POST', '/api/providers', { key: admin, body: { name: `${name}-upstream`, family: 'openai', baseUrl: upstream.url } })).status).toBe(201);
    expect((await s.api('POST', '/api/routes', { key: admin, body: { config: { name: `${name}-secret-route`, targets: [{ model: `${name}-upstream/gpt-4o-mini` }] } } })).status).toBe(201);
    const call = await s.api('POST', '/v1/chat/completions', { key: t.service, body: { model: `${name}-secret-route`, messages: [{ role: 'user', content: 'hi' }] } });
    expect(call.status, call.text).toBe(200);
    return t;
  }

  beforeAll(async () => {
    upstream = await startOpenAiStandIn();
    s = await startTestSteward(engine);
    red = await tenant('red');
    blue = await tenant('blue');
  });
  afterAll(async () => {
    await s?.close();
    await upstream?.close();
  });

  it('needs a key by default: 401 without one, 403 for a service key', async () => {
    expect((await s.api('GET', '/metrics', { key: null })).status).toBe(401);
    expect((await s.api('GET', '/metrics', { key: red.service })).status).toBe(403);
  });

  it("shows a project's metrics or viewer key its own series and none of another project's", async () => {
    for (const key of [red.metrics, red.viewer]) {
      const res = await s.api('GET', '/metrics', { key });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(new RegExp(`steward_gateway_requests_total\\{project="${red.projectId}",[^}]*route="red-secret-route"`));
      expect(res.text).not.toContain('blue-secret-route');
      expect(res.text).not.toContain('blue-upstream');
      expect(res.text).not.toContain(blue.projectId);
      // Process metrics name no tenant: everyone may see them.
      expect(res.text).toContain('steward_process_cpu_seconds_total');
    }
    // A metrics key is for scraping only.
    expect((await s.api('GET', '/api/traces', { key: red.metrics })).status).toBe(403);
    expect((await s.api('POST', '/v1/chat/completions', { key: red.metrics, body: { model: 'red-secret-route', messages: [] } })).status).toBe(403);
  });

  it('shows the owner every project', async () => {
    const res = await s.api('GET', '/metrics');
    expect(res.text).toContain('red-secret-route');
    expect(res.text).toContain('blue-secret-route');
  });

  it('is public only when STEWARD_METRICS_PUBLIC=true', async () => {
    const open = await startTestSteward(engine, { env: { STEWARD_METRICS_PUBLIC: 'true' } });
    try {
      const res = await open.api('GET', '/metrics', { key: null });
      expect(res.status).toBe(200);
      expect(res.text).toContain('steward_process_cpu_seconds_total');
    } finally {
      await open.close();
    }
  });

  it('filters an exposition by its project label and leaves out series of unknown owner', () => {
    const text = [
      '# HELP x_total X',
      '# TYPE x_total counter',
      'x_total{project="p1",route="a"} 1',
      'x_total{project="p2",route="b"} 2',
      'y_total{route="c"} 3',
      'z_seconds{endpoint="chat"} 4',
      'up 1',
      'label_with_escapes{project="p1",route="a \\"quoted\\" b"} 5',
    ].join('\n');
    expect(exposeForProject(text, 'p1').split('\n')).toEqual([
      '# HELP x_total X',
      '# TYPE x_total counter',
      'x_total{project="p1",route="a"} 1',
      'z_seconds{endpoint="chat"} 4',
      'up 1',
      'label_with_escapes{project="p1",route="a \\"quoted\\" b"} 5',
    ]);
  });
});
