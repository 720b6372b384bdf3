// Removes every row of one project. Tables with a project_id column are found by introspection, so
// a new table cannot be forgotten; rows that hang off them by a foreign key (versions, items, events)
// are listed here, deepest first. The audit log is kept: it is the record of what happened.
import { sql } from 'kysely';
import type { TableColumns, Tx } from '../../store/index.js';

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

// Children that project tables point to (eval runs name a dataset version): removed after those.
const LATE_CHILD_TABLES: readonly ChildTable[] = [{ table: 'dataset_versions', column: 'dataset_id', parent: 'datasets' }];

// How to find a child table's own parent when it carries no project id.
const PARENT_OF: Readonly<Record<string, ChildTable>> = Object.fromEntries(
  [...CHILD_TABLES, ...LATE_CHILD_TABLES].filter((c) => c.table.endsWith('_versions')).map((c) => [c.table, c]),
);

// Project tables that point to other project tables: removed first. api_keys goes last.
// (model_versions carries its model's project since migration 081 and points to models.)
const FIRST = ['eval_runs', 'drift_results', 'pipeline_runs', 'model_versions'];
const LAST = ['api_keys'];
const KEPT = new Set(['audit_log', 'projects']);

/** Deletes every row of `projectId` in `tx` (not the project row itself) from the store's `tables`; returns how many. */
export async function purgeProjectData(tx: Tx, projectId: string, tables: readonly TableColumns[]): Promise<number> {
  const names = new Set(tables.map((t) => t.name));
  const owned = tables.filter((t) => !KEPT.has(t.name) && t.columns.includes('project_id')).map((t) => t.name);
  let removed = 0;
  const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);
  const deleteChildren = async (children: readonly ChildTable[]) => {
    for (const child of children) {
      if (!names.has(child.table) || !names.has(child.parent) || owned.includes(child.table)) continue;
      const parentIds = projectRows(child.parent, owned, projectId);
      try {
        removed += count(await sql`delete from ${sql.table(child.table)} where ${sql.ref(child.column)} in (${parentIds})`.execute(tx));
      } catch (error) {
        throw new Error(`purging ${child.table}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  };
  // Project tables may point to each other (and other areas add such links): each pass deletes what
  // no remaining row still needs, under a savepoint so a refused delete leaves the transaction usable.
  const deleteOwned = async (list: readonly string[]) => {
    let pending = [...list];
    while (pending.length > 0) {
      const refused: string[] = [];
      let lastError: unknown;
      for (const table of pending) {
        await sql`savepoint purge_table`.execute(tx);
        try {
          removed += count(await sql`delete from ${sql.table(table)} where project_id = ${projectId}`.execute(tx));
          await sql`release savepoint purge_table`.execute(tx);
        } catch (error) {
          await sql`rollback to savepoint purge_table`.execute(tx);
          refused.push(table);
          lastError = error;
        }
      }
      if (refused.length === pending.length) {
        throw new Error(`purging ${refused.join(', ')}: ${lastError instanceof Error ? lastError.message : String(lastError)}`, { cause: lastError });
      }
      pending = refused;
    }
  };

  await deleteChildren(CHILD_TABLES);
  await deleteOwned(FIRST.filter((t) => owned.includes(t)));
  await deleteChildren(LATE_CHILD_TABLES);
  await deleteOwned(owned.filter((t) => !FIRST.includes(t) && !LAST.includes(t)));
  await deleteOwned(LAST.filter((t) => owned.includes(t)));
  return removed;
}

// The ids of `parent`'s rows in the project, directly or through its own parent.
function projectRows(parent: string, owned: readonly string[], projectId: string) {
  if (owned.includes(parent)) return sql`select id from ${sql.table(parent)} where project_id = ${projectId}`;
  const up = PARENT_OF[parent];
  if (up && owned.includes(up.parent)) return sql`select id from ${sql.table(parent)} where ${sql.ref(up.column)} in (select id from ${sql.table(up.parent)} where project_id = ${projectId})`;
  return sql`select id from ${sql.table(parent)} where 1 = 0`;
}
