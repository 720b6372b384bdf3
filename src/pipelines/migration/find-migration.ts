// Which migration a route needs: the first of its targets that is a registry version with a
// discontinuation date (its sunset date, else its deprecation date) — taken over by its replacement —
// or a fine-tune whose base version has one — re-trained on the base's replacement. The plan says
// when it is due: `leadDays` before the date.
import type { ModelVersionRecord } from '../../registry/index.js';
import type { MigrationSpec } from '../pipeline-definition.js';

/** What a migration reads: the route's targets, registry versions by reference, and the job that made a version. */
export interface MigrationReads {
  /** The model references the route's targets call, in order; undefined when there is no such route. */
  routeTargets(projectId: string, route: string): string[] | undefined;
  /** A registry version by `name-002` or `name@alias`; undefined for anything else (a provider's model, an unknown name). */
  version(projectId: string, ref: string): Promise<ModelVersionRecord | undefined>;
  /** The newest succeeded training job whose output is this version, if one made it. */
  trainingJobFor(projectId: string, versionId: string): Promise<{ id: string; baseModel: string } | undefined>;
}

export interface MigrationPlan {
  route: string;
  /** The route's target reference (`support-bot@stable`, `llm-001`) and the version it calls now. */
  target: string;
  current: string;
  /** The version being discontinued: `current` itself, or the base `current` was fine-tuned from. */
  discontinued: string;
  /** When it is discontinued (ISO 8601), and which date that is. */
  date: string;
  dateKind: 'sunset' | 'deprecation';
  replacement: string;
  /** `replacement`: evaluate the replacement as it is; `retrain`: re-run `jobId` on the replacement base first. */
  via: 'replacement' | 'retrain';
  jobId?: string;
  /** When the migration should start (`leadDays` before the date), ms. */
  dueAt: number;
}

const DAY_MS = 86_400_000;

function discontinuation(v: ModelVersionRecord): { date: string; kind: 'sunset' | 'deprecation' } | undefined {
  if (v.sunsetAt) return { date: v.sunsetAt, kind: 'sunset' };
  if (v.deprecatedAt) return { date: v.deprecatedAt, kind: 'deprecation' };
  return undefined;
}

/** The route's migration, or why there is none. */
export async function findMigration(reads: MigrationReads, projectId: string, spec: MigrationSpec): Promise<{ plan: MigrationPlan } | { reason: string }> {
  const targets = reads.routeTargets(projectId, spec.route);
  if (!targets) return { reason: `there is no route ${spec.route}` };
  const notes: string[] = [];
  for (const target of targets) {
    const current = await reads.version(projectId, target);
    if (!current) continue;
    const plan = (discontinued: ModelVersionRecord, via: MigrationPlan['via'], jobId?: string): { plan: MigrationPlan } | undefined => {
      const when = discontinuation(discontinued);
      if (!when) return undefined;
      const replacement = spec.replacement ?? discontinued.replacement;
      if (!replacement) {
        notes.push(`${discontinued.name} is discontinued on ${when.date} but names no replacement (set one when deprecating it, or migration.replacement)`);
        return undefined;
      }
      const dueAt = Date.parse(when.date) - spec.leadDays * DAY_MS;
      return { plan: { route: spec.route, target, current: current.name, discontinued: discontinued.name, date: when.date, dateKind: when.kind, replacement, via, ...(jobId ? { jobId } : {}), dueAt } };
    };
    const own = plan(current, 'replacement');
    if (own) return own;
    if (spec.retrain !== 'auto') continue;
    const job = await reads.trainingJobFor(projectId, current.id);
    const base = job ? await reads.version(projectId, job.baseModel) : undefined;
    const retrain = job && base ? plan(base, 'retrain', job.id) : undefined;
    if (retrain) return retrain;
  }
  return { reason: notes.length ? notes.join('; ') : `no version ${spec.route} calls has a deprecation or sunset date` };
}

/** One line for the run's log. */
export function describePlan(p: MigrationPlan): string {
  const date = p.date.slice(0, 10);
  return p.via === 'retrain'
    ? `${p.route} calls ${p.current}, a fine-tune of ${p.discontinued} (${p.dateKind} ${date}): its training job ${p.jobId} is re-run on ${p.replacement}`
    : `${p.route} calls ${p.current} (${p.dateKind} ${date}): ${p.replacement} replaces it`;
}
