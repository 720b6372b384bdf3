// The metrics an alert rule may watch in a project: the roll-up metrics, every metric recorded as a
// point (drift results, pipeline figures), and each drift monitor's `drift.<monitor>.<feature>`
// statistic and `.drifted` flag (so a rule can be written before the monitor's first run). A rule on
// anything else would never see a point: it is refused when written.
import type { Db } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import { type MissingReference, assertReferences } from '../../references/index.js';
import { ROLLUP_METRICS } from '../rollups/index.js';

export async function knownMetrics(db: Db, projectId: string): Promise<string[]> {
  const points = await db.selectFrom('metric_points').select('metric').distinct().where('project_id', '=', projectId).execute();
  const monitors = await db.selectFrom('drift_monitors').select(['name', 'config_json']).where('project_id', '=', projectId).execute();
  const drift = monitors.flatMap((m) => fromJsonColumn<{ features?: string[] }>(m.config_json, {}).features?.flatMap((f) => [`drift.${m.name}.${f}`, `drift.${m.name}.${f}.drifted`]) ?? []);
  return [...new Set([...ROLLUP_METRICS, ...points.map((p) => p.metric), ...drift])];
}

/** @throws StewardError REFERENCE_NOT_FOUND (field `metric`) for a metric the project never has. */
export async function assertKnownMetric(db: Db, projectId: string, metric: string): Promise<void> {
  const known = await knownMetrics(db, projectId);
  const missing: MissingReference[] = known.includes(metric) ? [] : [{ field: 'metric', value: metric, kind: 'metric', known }];
  assertReferences(missing);
}
