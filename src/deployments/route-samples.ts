// Live samples of a route's traffic from the gateway's traces and feedback: per request its
// target, latency, cost, whether it failed, and its feedback score. Experiments and rollouts
// compare arms with these.
import type { Db } from '../store/index.js';

/** One request on a route. */
export interface RouteSample {
  traceId: string;
  at: number;
  provider: string | null;
  model: string | null;
  versionId: string | null;
  failed: boolean;
  latencyMs: number;
  costUsd: number;
  /** Thumb up = 1, down = 0; else the rating as given; null without feedback. */
  feedback: number | null;
}

const MAX_SAMPLES = 50_000;
const CHUNK = 500;

/** Requests on the project's `route` in [since, until), newest MAX_SAMPLES at most. */
export async function loadRouteSamples(db: Db, projectId: string, route: string, since: number, until: number): Promise<RouteSample[]> {
  const rows = await db
    .selectFrom('traces')
    .select(['id', 'created_at', 'provider', 'model', 'version_id', 'status', 'latency_ms', 'cost_usd'])
    .where('project_id', '=', projectId)
    .where('route', '=', route)
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .orderBy('created_at', 'desc')
    .limit(MAX_SAMPLES)
    .execute();
  const scores = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const ids = rows.slice(i, i + CHUNK).map((r) => r.id);
    const feedback = await db.selectFrom('feedback').select(['trace_id', 'thumb', 'rating']).where('trace_id', 'in', ids).execute();
    for (const f of feedback) {
      const score = feedbackScore(f.thumb, f.rating);
      if (score === null) continue;
      const list = scores.get(f.trace_id) ?? [];
      list.push(score);
      scores.set(f.trace_id, list);
    }
  }
  return rows.map((r) => {
    const list = scores.get(r.id);
    return {
      traceId: r.id,
      at: Number(r.created_at),
      provider: r.provider,
      model: r.model,
      versionId: r.version_id,
      failed: r.status !== 'ok',
      latencyMs: Number(r.latency_ms),
      costUsd: Number(r.cost_usd),
      feedback: list ? list.reduce((a, b) => a + b, 0) / list.length : null,
    };
  });
}

export function feedbackScore(thumb: string | null, rating: number | null): number | null {
  if (thumb !== null) {
    const t = thumb.toLowerCase();
    if (t === 'up' || t === '1' || t === 'positive' || t === 'true') return 1;
    if (t === 'down' || t === '0' || t === 'negative' || t === 'false') return 0;
  }
  return rating === null ? null : Number(rating);
}

/** Decides which arm (by target model string) a sample belongs to. */
export type ArmMatcher = (sample: RouteSample) => boolean;

/**
 * A matcher for a route target: `provider/model` matches the trace's provider and model; a
 * registry reference matches the version ids it resolves to (given), or the upstream model name.
 */
export function targetMatcher(target: string, versionIds: readonly string[] = []): ArmMatcher {
  return (sample) => {
    if (sample.versionId !== null && versionIds.includes(sample.versionId)) return true;
    if (sample.provider !== null && `${sample.provider}/${sample.model}` === target) return true;
    return versionIds.length === 0 && sample.model === target;
  };
}
