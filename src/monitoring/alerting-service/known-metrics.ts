// The metrics an alert rule may watch in a project: the roll-up metrics, every metric recorded as a
// point (drift results, pipeline figures), and each drift monitor's `drift.<monitor>.<feature>`
// statistic and `.drifted` flag (a bias probe's also as `bias_gap` / `bias_significant`), and each migration pipeline's `migration.<route>.blocked|migrated`
// (so a rule can be written before the monitor's or the migration's first run). A rule on
// anything else would never see a point: it is refused when written.
import type { Db } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import { type MissingReference, assertReferences } from '../../references/index.js';
import { migrationMetrics } from '../../pipelines/migration/conclude-migration-step.js';
import { ROLLUP_METRICS } from '../rollups/index.js';

/** A bias probe's gap and 0/1 significance per route (besides its monitor's `drift.<monitor>.bias`). */
const BIAS_METRICS = ['bias_gap', 'bias_significant'];

export async function knownMetrics(db: Db, projectId: string): Promise<string[]> {
  const points = await db.selectFrom('metric_points').select('metric').distinct().where('project_id', '=', projectId).execute();
  const monitors = await db.selectFrom('drift_monitors').select(['name', 'config_json']).where('project_id', '=', projectId).execute();
  const drift = monitors.flatMap((m) => fromJsonColumn<{ features?: string[] }>(m.config_json, {}).features?.flatMap((f) => [`drift.${m.name}.${f}`, `drift.${m.name}.${f}.drifted`, ...(f === 'bias' ? BIAS_METRICS : [])]) ?? []);
  const pipelines = await db.selectFrom('pipelines').select('definition_json').where('project_id', '=', projectId).execute();
  const migrations = pipelines.flatMap((p) => {
    const d = fromJsonColumn<{ kind?: string; migration?: { route?: string } }>(p.definition_json, {});
    return d.kind === 'migration' && d.migration?.route ? migrationMetrics(d.migration.route) : [];
  });
  return [...new Set([...ROLLUP_METRICS, ...points.map((p) => p.metric), ...drift, ...migrations])];
}

/** @throws StewardError REFERENCE_NOT_FOUND (field `metric`) for a metric the project never has. */
export async function assertKnownMetric(db: Db, projectId: string, metric: string): Promise<void> {
  const known = await knownMetrics(db, projectId);
  const missing: MissingReference[] = known.includes(metric) ? [] : [{ field: 'metric', value: metric, kind: 'metric', known }];
  assertReferences(missing);
}
