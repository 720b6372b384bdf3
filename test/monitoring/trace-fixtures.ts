// Trace rows as the gateway's trace writer stores them, for roll-up and alert tests that need
// traffic with known latencies at known times.
import { newId } from '../../src/store/index.js';
import type { Store, TracesTable } from '../../src/store/index.js';

export interface TraceSpec {
  at: number;
  latencyMs: number;
  ttftMs?: number | null;
  route?: string;
  versionId?: string;
  keyId?: string;
  error?: boolean;
  cacheHit?: boolean;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
}

export function traceRow(projectId: string, t: TraceSpec): TracesTable {
  return {
    id: newId('trace'),
    project_id: projectId,
    created_at: t.at,
    endpoint: 'chat',
    requested_model: t.route ?? 'chat',
    route: t.route ?? 'chat',
    route_revision: 1,
    provider: 'builtin',
    model: 'tiny',
    version_id: t.versionId ?? 'mv_a',
    prompt_version_id: null,
    status: t.error ? 'error' : 'ok',
    http_status: t.error ? 502 : 200,
    error_code: t.error ? 'UPSTREAM_ERROR' : null,
    error_message: null,
    stream: 0,
    cache_hit: t.cacheHit ? 1 : 0,
    key_id: t.keyId ?? 'key_a',
    user_pseudonym: null,
    batch_id: null,
    tokens_in: t.tokensIn ?? 10,
    tokens_out: t.tokensOut ?? 5,
    cost_usd: t.costUsd ?? 0.001,
    ttft_ms: t.ttftMs === undefined ? null : t.ttftMs,
    latency_ms: t.latencyMs,
    overhead_ms: null,
    attempts_json: '[]',
    request_json: null,
    response_json: null,
  };
}

export async function insertTraces(store: Store, projectId: string, specs: readonly TraceSpec[]): Promise<string[]> {
  const rows = specs.map((s) => traceRow(projectId, s));
  for (let i = 0; i < rows.length; i += 200) await store.db.insertInto('traces').values(rows.slice(i, i + 200)).execute();
  return rows.map((r) => r.id);
}
