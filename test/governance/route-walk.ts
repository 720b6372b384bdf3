// Walks every operation of /openapi.json with a caller (a role of one tenant, the owner, or no key)
// against the other tenant's ids, and reports what should not have happened: a route reachable
// beyond its role, the other tenant's data in a response, a change to its objects, a 5xx.
import type { DeclaredRoute } from '../../src/server/auth-plugin.js';
import { type Role, roleAllows } from '../../src/governance/index.js';
import type { TestSteward } from '../harness/test-steward.js';
import type { Tenant } from './tenant-seed.js';

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. `/api/keys/{id}`. */
  path: string;
  /** A second body for the same operation, e.g. another way to name the victim's model. */
  variant?: string;
}

/** Extra calls of the data plane: every way a client may name a model (route, provider/model, version, model). */
export const DATA_PLANE_VARIANTS: readonly Operation[] = ['provider-model', 'registry-version', 'registry-model'].map((variant) => ({ method: 'POST', path: '/v1/chat/completions', variant }));

export interface Finding {
  op: string;
  caller: string;
  status: number;
  problem: string;
}

export interface Caller {
  label: string;
  role: Role | null;
  key: string | null;
  /** The owner legitimately sees every project's keys, audit entries and projects. */
  instanceWide: boolean;
}

// Which of the victim's ids a path parameter takes, by the literal segment before it.
const PARAM_BY_SEGMENT: Record<string, string> = {
  keys: 'victimKey',
  traces: 'trace',
  spans: 'trace',
  items: 'trace',
  rules: 'alertRule',
  channels: 'channel',
  silences: 'silence',
  monitors: 'driftMonitor',
  queues: 'queue',
  runs: 'evalRun',
  gates: 'gate',
  jobs: 'trainingJob',
  experiments: 'experiment',
  rollouts: 'rollout',
  pipelines: 'pipeline',
  'pipeline-runs': 'pipelineRun',
  datasets: 'dataset',
  models: 'model',
  prompts: 'prompt',
  routes: 'route',
  providers: 'provider',
  prices: 'provider',
  secrets: 'secret',
  projects: 'project',
  files: 'file',
  batches: 'batch',
  responses: 'response',
};
const FIXED_BY_SEGMENT: Record<string, string> = { versions: '1', revisions: '1', aliases: 'production', labels: 'production' };

/** The path with the victim's ids in it. */
export function fillPath(path: string, victim: Tenant): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (!segment.startsWith('{')) return segment;
      const before = segments[i - 1] ?? '';
      if (segment === '{*}') return before === 'models' ? victim.ids.route : victim.ids.upstreamModel;
      if (FIXED_BY_SEGMENT[before]) return FIXED_BY_SEGMENT[before];
      if (path.startsWith('/api/limits/routes')) return victim.ids.route;
      const kind = PARAM_BY_SEGMENT[before];
      return encodeURIComponent((kind && victim.ids[kind]) || `${victim.tag}-missing-${before}`);
    })
    .join('/');
}

/** Bodies that would change the victim's objects if the route forgot its project check. */
export function bodyFor(op: Operation, victim: Tenant, attacker: Tenant): unknown {
  const v = victim.ids;
  const injected = `${attacker.contentMarker}-injected`;
  const key = `${op.method} ${op.path}${op.variant ? `#${op.variant}` : ''}`;
  const chat = (model: string) => ({ model, messages: [{ role: 'user', content: injected }], max_tokens: 2 });
  const bodies: Record<string, unknown> = {
    'POST /v1/chat/completions#provider-model': chat(`${v.provider}/${v.upstreamModel}`),
    'POST /v1/chat/completions#registry-version': chat(`${v.model}-001`),
    'POST /v1/chat/completions#registry-model': chat(v.model),
    'POST /api/keys': { name: injected, role: 'viewer', project: victim.projectId },
    'POST /api/feedback': { traceId: v.trace, thumb: 'down', comment: injected },
    'PUT /api/routes/{name}': { config: { name: v.route, targets: [{ model: `${attacker.ids.provider}/x` }] }, reason: injected },
    'POST /api/routes/{name}/rollback': { reason: injected },
    'PUT /api/providers/{name}': { name: v.provider, family: 'openai', baseUrl: 'http://127.0.0.1:9/v1' },
    'PUT /api/secrets/{name}': { value: injected },
    'PUT /api/limits/keys/{id}': { budgetUsd: 1000, budgetPeriod: 'day' },
    'PUT /api/prices': { provider: v.provider, model: v.upstreamModel, inputPerMTok: 999, outputPerMTok: 999 },
    'PATCH /api/models/{name}': { description: injected },
    'POST /api/models/{name}/versions': { spec: { provider: attacker.ids.provider, model: 'x' }, description: injected },
    'POST /api/models/{name}/versions/{version}/stage': { stage: 'staging', reason: injected },
    'POST /api/models/{name}/versions/{version}/deprecate': { reason: injected },
    'POST /api/models/{name}/versions/{version}/approvals': { gate: 'release', reason: injected },
    'POST /api/models/{name}/versions/{version}/eval-runs': { evalRunId: attacker.ids.evalRun },
    'PUT /api/models/{name}/aliases/{alias}': { version: '1', reason: injected },
    'POST /api/prompts/{name}/versions': { template: { text: injected } },
    'PUT /api/prompts/{name}/labels/{label}': { version: 1 },
    'POST /api/prompts/{name}/render': { variables: { who: 'x' } },
    'POST /api/datasets/{name}/versions': { items: [{ input: injected, reference: 'x' }] },
    'PUT /api/alerts/rules/{id}': { name: injected, metric: 'error_rate', condition: { type: 'threshold', op: '>', value: 0.9 }, windowSeconds: 60, severity: 'warning' },
    'PUT /api/drift/monitors/{id}': { config: { route: attacker.ids.route, features: ['output_length'], reference: { kind: 'window' } } },
    'POST /api/annotation/queues/{id}/items/{traceId}': { values: { helpful: true } },
    'POST /api/evals/runs': { dataset: v.dataset, target: v.route, metrics: [{ metric: 'exact_match' }] },
    'POST /api/evals/runs/{id}/gates': { gates: [attacker.ids.gate] },
    'POST /api/evals/runs/{id}/rescore': { metrics: [{ metric: 'exact_match' }], name: injected },
    'POST /api/datasets/{name}/merge': { sources: [{ dataset: v.dataset, version: 1 }], message: injected },
    'POST /api/datasets/{name}/versions/{version}/filter': { filter: { contains: 'a' }, message: injected },
    'POST /api/datasets/{name}/versions/{version}/split': { ratios: { train: 0.5, test: 0.5 }, message: injected },
    'POST /api/datasets/{name}/versions/{version}/curate': { message: injected },
    'POST /api/alerts/silences': { matchers: [{ name: 'route', value: v.route }] },
    'POST /api/apply': { document: { routes: [{ name: v.route, targets: [{ model: `${v.provider}/${v.upstreamModel}` }] }] }, dryRun: true },
    'POST /v1/batches': { input_file_id: v.file ?? 'file-missing', endpoint: '/v1/chat/completions', completion_window: '24h' },
    'PUT /api/evals/gates/{name}': { description: injected, rules: ['exact_match >= 1'] },
    'POST /api/experiments': { route: v.route, name: injected, arms: [{ name: 'a', model: 'x/a', weight: 1 }, { name: 'b', model: 'x/b', weight: 1 }] },
    'POST /api/rollouts': { route: v.route, target: `${attacker.ids.provider}/x` },
    'POST /api/annotation/queues': { name: injected, schema: { fields: [{ name: 'ok', type: 'boolean' }] }, filter: { route: v.route }, annotators: [victim.keys.viewer.id], perItem: 1 },
    'POST /api/datasets/{name}/from-traces': { filter: { route: v.route } },
    'POST /api/datasets/{name}/from-feedback': { filter: { route: v.route } },
    'POST /api/drift/monitors': { name: injected, config: { route: v.route, features: ['output_length'], reference: { kind: 'window' } } },
    'POST /api/alerts/rules': { name: injected, metric: 'error_rate', filter: { route: v.route }, condition: { type: 'threshold', op: '>', value: 0.5 }, windowSeconds: 60, severity: 'warning', channels: [v.channel] },
    'POST /v1/chat/completions': { model: v.route, messages: [{ role: 'user', content: injected }], max_tokens: 2 },
    'POST /v1/completions': { model: v.route, prompt: injected, max_tokens: 2 },
    'POST /v1/embeddings': { model: v.route, input: injected },
    'POST /v1/responses': { model: v.route, input: injected, max_output_tokens: 2 },
    'POST /api/keys/{id}/rotate': {},
    'POST /api/secrets/rotate-master-key': {},
  };
  if (key in bodies) return bodies[key];
  return op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
}

/** Query strings a read needs to reach the victim's objects at all. */
export function queryFor(op: Operation, victim: Tenant, attacker: Tenant): string {
  const v = victim.ids;
  const queries: Record<string, string> = {
    'GET /api/evals/compare': `a=${v.evalRun}&b=${attacker.ids.evalRun ?? v.evalRun}`,
    'GET /api/routes/{name}/diff': 'a=1&b=1',
    'GET /api/datasets/{name}/diff': 'from=1&to=1',
    'GET /api/metrics/timeseries': `metric=requests&route=${v.route}`,
    'GET /api/metrics/breakdown': 'by=route',
    'GET /api/traces': `route=${v.route}&bodies=true`,
    'GET /api/keys': `project=${victim.projectId}&includeRevoked=true`,
    'GET /api/audit': `resourceId=${v.victimKey}`,
  };
  const query = queries[`${op.method} ${op.path}`];
  return query ? `?${query}` : '';
}

/** The role a route was registered with, found by its OpenAPI path. */
export function declaredRole(routes: readonly DeclaredRoute[], op: Operation): DeclaredRoute['role'] | undefined {
  const url = op.path.replace(/\{\*\}/g, '*').replace(/\{([^}]+)\}/g, ':$1');
  return routes.find((r) => r.method === op.method && r.url === url)?.role;
}

/** Every call's status, when STEWARD_WALK_STATUSES names a file (to see what the walk really reached). */
export const statusLog: string[] = [];

const INSTANCE_WIDE_PATHS = [/^\/api\/keys/, /^\/api\/limits\/keys/, /^\/api\/audit/, /^\/api\/projects/, /^\/metrics$/];

/**
 * Calls one operation as `caller` against `victim`'s ids and returns what went wrong, if anything.
 * `sentBefore` collects what callers have sent: a write may legitimately create an object with the
 * victim's name in the caller's own project, so a name once sent is no longer evidence of a leak
 * (content markers always are: no caller ever sends them).
 */
export async function walkOne(
  s: TestSteward,
  routes: readonly DeclaredRoute[],
  op: Operation,
  caller: Caller,
  victim: Tenant,
  attacker: Tenant,
  markers: readonly string[],
  sentBefore: Set<string>,
): Promise<Finding[]> {
  const required = declaredRole(routes, op);
  const url = fillPath(op.path, victim) + queryFor(op, victim, attacker);
  const body = bodyFor(op, victim, attacker);
  const res = await s.api(op.method, url, { key: caller.key, body });
  const sent = url + JSON.stringify(body ?? '');
  const found: Finding[] = [];
  if (process.env.STEWARD_WALK_STATUSES) statusLog.push(`${caller.label}\t${op.method} ${op.path}${op.variant ? `#${op.variant}` : ''}\t${res.status}\t${res.status === 400 ? res.text.slice(0, 140) : ''}`);
  const finding = (problem: string) => found.push({ op: `${op.method} ${op.path}${op.variant ? ` (${op.variant})` : ''}`, caller: caller.label, status: res.status, problem });
  if (res.status >= 500) finding(`5xx: ${res.text.slice(0, 200)}`);
  if (required === undefined) {
    finding('no declared role');
    return found;
  }
  if (required !== 'public') {
    if (caller.role === null) {
      if (res.status !== 401) finding('reachable without a key (expected 401)');
      return found;
    }
    if (!roleAllows(caller.role, required)) {
      if (res.status !== 403) finding(`reachable beyond its role: needs ${required} (expected 403)`);
      return found;
    }
    if (res.status === 401 || res.status === 403) finding(`refused a role it allows (${required}): ${res.text.slice(0, 160)}`);
  }
  if (!(caller.instanceWide && INSTANCE_WIDE_PATHS.some((p) => p.test(op.path)))) {
    const leaked = markers.filter((m) => res.text.includes(m) && !sent.includes(m) && ![...sentBefore].some((earlier) => earlier.includes(m)));
    if (leaked.length > 0) finding(`shows the other project's data: ${leaked.slice(0, 4).join(', ')}`);
  }
  if (op.method !== 'GET' && res.status < 300) sentBefore.add(sent);
  return found;
}

/** What the victim's own admin sees of its objects; compared before and after the walk. */
export async function snapshotTenant(s: TestSteward, t: Tenant): Promise<Record<string, string>> {
  const v = t.ids;
  const reads = [
    '/api/me',
    `/api/routes/${v.route}`,
    `/api/providers/${v.provider}`,
    `/api/models/${v.model}`,
    `/api/models/${v.model}/versions`,
    `/api/models/${v.model}/aliases`,
    `/api/prompts/${v.prompt}/versions`,
    `/api/prompts/${v.prompt}/labels`,
    `/api/datasets/${v.dataset}/versions`,
    `/api/traces/${v.trace}/feedback`,
    `/api/alerts/rules/${v.alertRule}`,
    `/api/drift/monitors/${v.driftMonitor}`,
    `/api/evals/gates`,
    `/api/keys?includeRevoked=true`,
    `/api/limits/keys/${v.victimKey}`,
    '/api/secrets',
    '/api/prices',
    '/api/experiments',
  ];
  const out: Record<string, string> = {};
  for (const path of reads) {
    const res = await s.api('GET', path, { key: t.keys.admin.key });
    out[path] = `${res.status} ${stable(res.body)}`;
  }
  return out;
}

// Drops fields that change by themselves (last use of a key, live usage counters).
function stable(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === 'lastUsedAt' || k === 'usage' || k === 'updated' ? undefined : v));
}
