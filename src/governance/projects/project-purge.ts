// Removes every row of one project. Tables with a project_id column are found by introspection, so
// a new table cannot be forgotten; rows that hang off them by a foreign key (versions, items, events)
// are listed here, deepest first. The audit log is kept: it is the record of what happened.
import { sql } from 'kysely';
import type { Tx } from '../../store/index.js';

/** A table whose rows belong to a project through `column` → `parent`.id. */
interface ChildTable {
  table: string;
  column: string;
  parent: string;
}

// Deepest first: a child is removed before the table it points to.
const CHILD_TABLES: readonly ChildTable[] = [
  { table: 'dataset_quality_reports', column: 'version_id', parent: 'dataset_versions' },
  { table: 'dataset_version_items', column: 'version_id', parent: 'dataset_versions' },
  { table: 'dataset_version_parents', column: 'version_id', parent: 'dataset_versions' },
  { table: 'dataset_version_parents', column: 'parent_id', parent: 'dataset_versions' },
  { table: 'model_approvals', column: 'version_id', parent: 'model_versions' },
  { table: 'model_version_history', column: 'version_id', parent: 'model_versions' },
  { table: 'model_aliases', column: 'model_id', parent: 'models' },
  { table: 'model_alias_history', column: 'model_id', parent: 'models' },
  { table: 'prompt_labels', column: 'prompt_id', parent: 'prompts' },
  { table: 'prompt_label_history', column: 'prompt_id', parent: 'prompts' },
  { table: 'eval_results', column: 'run_id', parent: 'eval_runs' },
  { table: 'eval_gate_results', column: 'run_id', parent: 'eval_runs' },
  { table: 'annotation_items', column: 'queue_id', parent: 'annotation_queues' },
  { table: 'annotations', column: 'queue_id', parent: 'annotation_queues' },
  { table: 'pipeline_steps', column: 'run_id', parent: 'pipeline_runs' },
  { table: 'rollout_events', column: 'rollout_id', parent: 'rollouts' },
  { table: 'training_job_events', column: 'job_id', parent: 'training_jobs' },
  { table: 'key_limits', column: 'key_id', parent: 'api_keys' },
  { table: 'prompt_versions', column: 'prompt_id', parent: 'prompts' },
  { table: 'model_versions', column: 'model_id', parent: 'models' },
];

// Two-level parents (a version's own parent carries the project id).
const GRANDPARENTS: Readonly<Record<string, ChildTable>> = {
  dataset_versions: { table: 'dataset_versions', column: 'dataset_id', parent: 'datasets' },
};

// Tables with project_id that others point to: removed last, in this order.
const LAST = ['eval_runs', 'drift_results', 'pipeline_runs', 'dataset_versions', 'datasets', 'drift_monitors', 'pipelines', 'api_keys'];
const KEPT = new Set(['audit_log', 'projects']);

/** Deletes every row of `projectId` in `tx` (not the project row itself); returns how many. */
export async function purgeProjectData(tx: Tx, projectId: string): Promise<number> {
  const tables = await tx.introspection.getTables();
  const names = new Set(tables.map((t) => t.name));
  const owned = tables.filter((t) => !KEPT.has(t.name) && t.columns.some((c) => c.name === 'project_id')).map((t) => t.name);
  let removed = 0;
  const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

  for (const child of CHILD_TABLES) {
    if (!names.has(child.table) || !names.has(child.parent)) continue;
    const parentIds = projectRows(child.parent, owned, projectId);
    removed += count(await sql`delete from ${sql.table(child.table)} where ${sql.ref(child.column)} in (${parentIds})`.execute(tx));
  }
  const grand = GRANDPARENTS.dataset_versions;
  if (names.has(grand.table) && !owned.includes(grand.table)) {
    removed += count(await sql`delete from ${sql.table(grand.table)} where ${sql.ref(grand.column)} in (select id from ${sql.table(grand.parent)} where project_id = ${projectId})`.execute(tx));
  }
  const ordered = [...owned.filter((t) => !LAST.includes(t)), ...LAST.filter((t) => owned.includes(t))];
  for (const table of ordered) {
    removed += count(await sql`delete from ${sql.table(table)} where project_id = ${projectId}`.execute(tx));
  }
  return removed;
}

// The ids of `parent`'s rows in the project, directly or through its own parent.
function projectRows(parent: string, owned: readonly string[], projectId: string) {
  if (owned.includes(parent)) return sql`select id from ${sql.table(parent)} where project_id = ${projectId}`;
  const grand = GRANDPARENTS[parent];
  if (grand) return sql`select id from ${sql.table(parent)} where ${sql.ref(grand.column)} in (select id from ${sql.table(grand.parent)} where project_id = ${projectId})`;
  return sql`select id from ${sql.table(parent)} where 1 = 0`;
}
