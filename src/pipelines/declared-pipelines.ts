// Pipelines as `steward apply` declares them: the project's definitions read back for `export`
// (ordered by name, defaults filled in, so export → apply → export is identical) and written inside
// apply's transaction — created, or updated in place when the declared definition differs.
import { type Actor, recordAudit } from '../governance/index.js';
import type { Db, Tx } from '../store/index.js';
import { fromJsonColumn, newId } from '../store/index.js';
import type { DeclaredPipeline } from './declared-pipeline-schema.js';
import type { PipelineDefinition } from './pipeline-definition.js';

export async function listDeclaredPipelines(db: Db, projectId: string): Promise<DeclaredPipeline[]> {
  const rows = await db.selectFrom('pipelines').select(['name', 'enabled', 'definition_json']).where('project_id', '=', projectId).orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, enabled: Number(row.enabled) === 1, definition: fromJsonColumn(row.definition_json, {} as PipelineDefinition) }));
}

/** Creates the pipeline, or updates its definition and `enabled` flag; audited like the API's writes. */
export async function putDeclaredPipelineIn(tx: Tx, actor: Actor, pipeline: DeclaredPipeline, now: number): Promise<void> {
  const existing = await tx.selectFrom('pipelines').select(['id', 'enabled', 'definition_json']).where('project_id', '=', actor.projectId).where('name', '=', pipeline.name).executeTakeFirst();
  const enabled = pipeline.enabled ? 1 : 0;
  if (!existing) {
    const id = newId('pipe');
    await tx.insertInto('pipelines').values({ id, project_id: actor.projectId, name: pipeline.name, definition_json: JSON.stringify(pipeline.definition), enabled, last_triggered_at: null, created_at: now, updated_at: now }).execute();
    await recordAudit(tx, { actor, action: 'pipelines.create', resourceType: 'pipeline', resourceId: id, after: { name: pipeline.name, definition: pipeline.definition, enabled: pipeline.enabled, reason: 'steward apply' } });
    return;
  }
  await tx.updateTable('pipelines').set({ definition_json: JSON.stringify(pipeline.definition), enabled, updated_at: now }).where('id', '=', existing.id).execute();
  await recordAudit(tx, {
    actor,
    action: 'pipelines.update',
    resourceType: 'pipeline',
    resourceId: existing.id,
    before: { definition: fromJsonColumn(existing.definition_json, {}), enabled: Number(existing.enabled) === 1 },
    after: { definition: pipeline.definition, enabled: pipeline.enabled, reason: 'steward apply' },
  });
}
