// Two tenants for the walk test: a project with a key of every role, and one object of each kind,
// made through the API as a client would. Every name of tenant `x` starts with `zqx-` and every
// piece of content carries `zqxcontent`, so a response that leaks it is found by a plain search.
import { expect } from 'vitest';
import type { ApiResponse, TestSteward } from '../harness/test-steward.js';
import { insertTraces } from '../monitoring/trace-fixtures.js';

export const TENANT_ROLES = ['admin', 'developer', 'viewer', 'service', 'metrics'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export interface Tenant {
  tag: string;
  projectId: string;
  projectName: string;
  keys: Record<TenantRole, { key: string; id: string; prefix: string }>;
  /** Ids and names of the tenant's objects, by kind (see route-walk.ts for which path uses which). */
  ids: Record<string, string>;
  /** The string every piece of this tenant's content carries. */
  contentMarker: string;
  /** Seeding steps that failed (reported as findings; the walk goes on with what exists). */
  seedProblems: string[];
}

async function ok(response: Promise<ApiResponse>, what: string): Promise<ApiResponse> {
  const res = await response;
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(300);
  return res;
}

/** Makes tenant `tag` (e.g. `a` → project `zqa-tenant`) with keys of every role and seeded objects. */
export async function seedTenant(s: TestSteward, tag: string, upstreamUrl: string): Promise<Tenant> {
  const p = `zq${tag}`;
  const content = `${p}content`;
  const project = (await ok(s.api('POST', '/api/projects', { body: { name: `${p}-tenant`, description: `${content}-project` } }), 'project')).body as { id: string; name: string };
  const keys = {} as Tenant['keys'];
  const admin = (await ok(s.api('POST', '/api/keys', { body: { name: `${content}-admin`, role: 'admin', project: project.id } }), 'admin key')).body as { key: string; record: { id: string; prefix: string } };
  keys.admin = { key: admin.key, id: admin.record.id, prefix: admin.record.prefix };
  const as = (role: TenantRole) => keys[role]?.key ?? admin.key;
  for (const role of TENANT_ROLES.filter((r) => r !== 'admin')) {
    const made = (await ok(s.api('POST', '/api/keys', { key: admin.key, body: { name: `${content}-${role}`, role } }), `${role} key`)).body as { key: string; record: { id: string; prefix: string } };
    keys[role] = { key: made.key, id: made.record.id, prefix: made.record.prefix };
  }
  const ids: Record<string, string> = { project: project.id };
  const seedProblems: string[] = [];
  // Objects of other areas: a failure is a finding of the walk, not the end of it.
  const step = async (response: Promise<ApiResponse>, what: string): Promise<ApiResponse> => {
    const res = await response;
    if (res.status >= 300) seedProblems.push(`${what} → ${res.status} ${res.text.slice(0, 160)}`);
    return res;
  };
  // A key the walk may try to revoke and rotate: the tenant's own keys must keep working.
  const victim = (await ok(s.api('POST', '/api/keys', { key: admin.key, body: { name: `${content}-victim`, role: 'viewer' } }), 'victim key')).body as { record: { id: string; prefix: string } };
  ids.victimKey = victim.record.id;
  ids.victimPrefix = victim.record.prefix;

  const dev = as('developer');
  ids.provider = `${p}-prov`;
  await step(s.api('POST', '/api/providers', { key: admin.key, body: { name: ids.provider, family: 'openai', baseUrl: upstreamUrl, apiKey: `sk-${content}-upstream` } }), 'provider');
  ids.secret = `${p}-secret`;
  await step(s.api('PUT', `/api/secrets/${ids.secret}`, { key: admin.key, body: { value: `${content}-secret-value` } }), 'secret');
  ids.upstreamModel = `${p}-upstream-model`;
  await step(s.api('PUT', '/api/prices', { key: admin.key, body: { provider: ids.provider, model: ids.upstreamModel, inputPerMTok: 1, outputPerMTok: 2 } }), 'price');
  ids.route = `${p}-route`;
  await step(s.api('POST', '/api/routes', { key: dev, body: { config: { name: ids.route, targets: [{ model: `${ids.provider}/${ids.upstreamModel}` }] }, reason: `${content}-reason` } }), 'route');
  await step(s.api('PUT', `/api/limits/keys/${ids.victimKey}`, { key: admin.key, body: { budgetUsd: 7, budgetPeriod: 'day' } }), 'key limit');

  ids.model = `${p}-model`;
  await step(s.api('POST', '/api/models', { key: dev, body: { name: ids.model, description: `${content}-model-description` } }), 'model');
  await step(s.api('POST', `/api/models/${ids.model}/versions`, { key: dev, body: { spec: { provider: ids.provider, model: ids.upstreamModel }, description: `${content}-version` } }), 'model version');
  ids.prompt = `${p}-prompt`;
  await step(s.api('POST', '/api/prompts', { key: dev, body: { name: ids.prompt, template: { text: `${content}-template {{who}}` }, variables: [{ name: 'who' }], labels: ['production'] } }), 'prompt');
  ids.dataset = `${p}-dataset`;
  await step(s.api('POST', '/api/datasets', { key: dev, body: { name: ids.dataset, description: `${content}-dataset` } }), 'dataset');
  await step(s.api('POST', `/api/datasets/${ids.dataset}/versions`, { key: dev, body: { items: [{ id: `${p}-item`, input: `${content}-item-input`, reference: `${content}-reference` }] } }), 'dataset version');

  // A real call through the data plane leaves a trace with bodies in the tenant's project.
  const call = await step(s.api('POST', '/v1/chat/completions', { key: as('service'), body: { model: ids.route, messages: [{ role: 'user', content: `${content}-trace-message` }], max_tokens: 5 } }), 'chat call');
  if (call.status === 200) {
    ids.trace = String(call.headers.get('x-steward-trace-id'));
    // The writer flushes every few milliseconds; the bound is for a loaded machine, not a timing assertion.
    for (let i = 0; i < 600; i++) {
      const found = await s.api('GET', `/api/traces/${ids.trace}`, { key: admin.key });
      if (found.status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await step(s.api('GET', `/api/traces/${ids.trace}`, { key: admin.key }), 'trace stored');
  } else {
    // The data plane could not reach the project's provider: store a trace as the writer would.
    [ids.trace] = await insertTraces(s.handle.services.store, project.id, [{ at: Date.now(), latencyMs: 5, route: ids.route, keyId: keys.service.id }]);
  }
  // A stored response (POST /v1/responses, store: true) another tenant must not read, list or delete.
  const stored = await s.api('POST', '/v1/responses', { key: as('service'), body: { model: ids.route, input: `${content}-stored-response`, max_output_tokens: 5 } });
  if (stored.status === 200) ids.response = String(stored.body.id);
  // The other ways to name a model work for the tenant itself, so another tenant's 404 means something.
  for (const model of [`${ids.provider}/${ids.upstreamModel}`, `${ids.model}-001`]) {
    await step(s.api('POST', '/v1/chat/completions', { key: as('service'), body: { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 } }), `chat call as ${model}`);
  }
  await step(s.api('POST', '/api/feedback', { key: dev, body: { traceId: ids.trace, thumb: 'up', comment: `${content}-feedback` } }), 'feedback');

  // A batch input file, uploaded as the official client does (multipart).
  const form = new FormData();
  form.append('purpose', 'batch');
  const line = { custom_id: `${content}-batch-line`, method: 'POST', url: '/v1/chat/completions', body: { model: ids.route, messages: [{ role: 'user', content: `${content}-batch` }] } };
  form.append('file', new Blob([JSON.stringify(line)]), `${p}-input.jsonl`);
  const upload = await fetch(`${s.url}/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${as('service')}` }, body: form });
  const uploaded = (await upload.json()) as { id?: string };
  if (upload.status === 200 && uploaded.id) ids.file = uploaded.id;
  else seedProblems.push(`file upload → ${upload.status} ${JSON.stringify(uploaded).slice(0, 160)}`);

  ids.channel = `${p}-channel`;
  await step(s.api('POST', '/api/alerts/channels', { key: admin.key, body: { name: ids.channel, kind: 'log' } }), 'alert channel');
  const rule = await step(
    s.api('POST', '/api/alerts/rules', { key: dev, body: { name: `${content}-rule`, metric: 'error_rate', filter: { route: ids.route }, condition: { type: 'threshold', op: '>', value: 0.5 }, windowSeconds: 300, severity: 'warning', channels: [ids.channel] } }),
    'alert rule',
  );
  if (typeof rule.body.id === 'string') ids.alertRule = rule.body.id;
  const monitor = await step(s.api('POST', '/api/drift/monitors', { key: dev, body: { name: `${content}-drift`, config: { route: ids.route, features: ['output_length'], currentWindowSeconds: 3600, reference: { kind: 'window' } } } }), 'drift monitor');
  if (typeof monitor.body.id === 'string') ids.driftMonitor = monitor.body.id;
  const queue = await step(
    s.api('POST', '/api/annotation/queues', { key: dev, body: { name: `${content}-queue`, schema: { fields: [{ name: 'helpful', type: 'boolean' }] }, filter: { route: ids.route }, annotators: [keys.viewer.id], perItem: 1 } }),
    'annotation queue',
  );
  if (typeof queue.body.id === 'string') ids.queue = queue.body.id;
  const run = await step(s.api('POST', '/api/evals/runs', { key: dev, body: { name: `${content}-eval`, dataset: ids.dataset, target: ids.route, metrics: [{ metric: 'exact_match' }] } }), 'eval run');
  if (typeof run.body.id === 'string') ids.evalRun = run.body.id;
  ids.gate = `${p}-gate`;
  await step(s.api('PUT', `/api/evals/gates/${ids.gate}`, { key: dev, body: { description: `${content}-gate`, rules: ['exact_match >= 0'], dataset: ids.dataset } }), 'eval gate');
  const experiment = await step(
    s.api('POST', '/api/experiments', { key: dev, body: { route: ids.route, name: `${content}-experiment`, arms: [{ name: 'control', model: `${ids.provider}/${ids.upstreamModel}`, weight: 50 }, { name: 'candidate', model: `${ids.provider}/${p}-candidate`, weight: 50 }] } }),
    'experiment',
  );
  if (typeof experiment.body.id === 'string') ids.experiment = experiment.body.id;
  return { tag, projectId: project.id, projectName: project.name, keys, ids, contentMarker: content, seedProblems };
}

/** Every string of `t` another tenant must never see: ids, names, key prefixes, content. */
export function markersOf(t: Tenant): string[] {
  const values = [t.projectId, t.projectName, t.contentMarker, ...Object.values(t.ids), ...Object.values(t.keys).flatMap((k) => [k.id, k.prefix])];
  return [...new Set(values.filter((v) => v.length >= 6))];
}
