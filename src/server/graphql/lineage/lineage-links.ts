// The edges of the lineage graph as they are recorded: a dataset version's parents and its items'
// trace ids, a job's dataset version and the version it registered, a version's source and data,
// a run's dataset version and model, a rollout's target, a trace's answering version. For each kind,
// `up` finds what a batch of nodes was made from and `down` what was made from them, within the project.
import { parseModelReference } from '../../../registry/index.js';
import type { GraphqlContext } from '../graphql-context.js';
import { runEvaluates, runsOfVersions, sourceJobId } from '../resolvers/registry-resolvers.js';
import type { LineageKind, LineageLink, NodeRef } from './lineage-node.js';
import { tracesOfVersions, versionsOfTraces } from './trace-item-links.js';

export type LinkFinder = (ids: string[], context: GraphqlContext, limit: number) => Promise<LineageLink[]>;

const ref = (kind: LineageKind, id: string): NodeRef => ({ kind, id });
const link = (parent: NodeRef, child: NodeRef, relation: string): LineageLink => ({ parent, child, relation });

/** The registry version a target (a version name, an alias, a model's production) names, if any. */
async function versionIdOf(context: GraphqlContext, target: string): Promise<string | undefined> {
  if (target.includes('/') && !target.includes('@')) return undefined;
  const resolved = await context.services.registryResolver.resolve(context.projectId, target);
  return resolved?.versionId;
}

async function versionIdsOfRefs(context: GraphqlContext, targets: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(targets)];
  const resolved = await Promise.all(unique.map(async (t) => [t, await versionIdOf(context, t)] as const));
  return new Map(resolved.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}

export const UP_LINKS: Record<LineageKind, LinkFinder> = {
  TRACE: async (ids, context) => {
    const traces = await context.lookups.traces(ids);
    return [...traces.values()].filter((t) => t.versionId).map((t) => link(ref('MODEL_VERSION', t.versionId as string), ref('TRACE', t.id), 'served'));
  },
  DATASET_VERSION: async (ids, context, limit) => {
    const versions = await context.lookups.datasetVersions(ids);
    const links = [...versions.values()].flatMap((v) => v.parents.map((p) => link(ref('DATASET_VERSION', p), ref('DATASET_VERSION', v.id), 'derived_into')));
    const traces = await tracesOfVersions(context.services.store.db, context.projectId, [...versions.keys()], limit);
    for (const [versionId, traceIds] of traces) for (const t of traceIds) links.push(link(ref('TRACE', t), ref('DATASET_VERSION', versionId), 'curated_into'));
    return links;
  },
  TRAINING_JOB: async (ids, context) => {
    const jobs = [...(await context.lookups.trainingJobs(ids)).values()];
    const links = jobs.filter((j) => j.datasetVersionId).map((j) => link(ref('DATASET_VERSION', j.datasetVersionId as string), ref('TRAINING_JOB', j.id), 'trained'));
    const bases = await versionIdsOfRefs(context, jobs.map((j) => j.baseModel));
    for (const job of jobs) {
      const base = bases.get(job.baseModel);
      if (base) links.push(link(ref('MODEL_VERSION', base), ref('TRAINING_JOB', job.id), 'fine_tuned'));
    }
    return links;
  },
  MODEL_VERSION: async (ids, context) => {
    const versions = [...(await context.lookups.modelVersions(ids)).values()];
    const links: LineageLink[] = [];
    const jobs = await context.lookups.trainingJobsByModelVersion(versions.filter((v) => sourceJobId(v) === undefined).map((v) => v.id));
    const from = await versionIdsOfRefs(context, versions.flatMap((v) => ('fromVersion' in v.source ? [v.source.fromVersion] : [])));
    for (const v of versions) {
      const jobId = sourceJobId(v) ?? jobs.get(v.id)?.id;
      if (jobId) links.push(link(ref('TRAINING_JOB', jobId), ref('MODEL_VERSION', v.id), 'produced'));
      // Data registered with the version itself (no job recorded it).
      else for (const d of v.datasetVersionIds) links.push(link(ref('DATASET_VERSION', d), ref('MODEL_VERSION', v.id), 'trained_on'));
      const base = 'fromVersion' in v.source ? from.get(v.source.fromVersion) : undefined;
      if (base) links.push(link(ref('MODEL_VERSION', base), ref('MODEL_VERSION', v.id), v.source.kind === 'quantisation' ? 'quantised_into' : 'distilled_into'));
    }
    return links;
  },
  EVAL_RUN: async (ids, context) => {
    const runs = [...(await context.lookups.evalRuns(ids)).values()];
    if (runs.length === 0) return [];
    const links = runs.map((r) => link(ref('DATASET_VERSION', r.datasetVersionId), ref('EVAL_RUN', r.id), 'evaluated_on'));
    const db = context.services.store.db;
    const models = [...new Set(runs.flatMap((r) => (r.model ? [r.model.name] : [])))];
    const targets = [...new Set(runs.map((r) => parseModelReference(r.target).model))];
    const candidates = await db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select('model_versions.id')
      .where('models.project_id', '=', context.projectId)
      .where((eb) => eb.or([eb('models.name', 'in', [...models, ...targets]), ...ids.map((id) => eb('model_versions.eval_run_ids_json', 'like', `%${JSON.stringify(id)}%`))]))
      .execute();
    const versions = await context.lookups.modelVersions(candidates.map((c) => c.id));
    for (const run of runs) for (const v of versions.values()) if (runEvaluates(run, v)) links.push(link(ref('MODEL_VERSION', v.id), ref('EVAL_RUN', run.id), 'evaluated'));
    return links;
  },
  ROLLOUT: async (ids, context) => {
    const rollouts = [...(await context.lookups.rollouts(ids)).values()];
    const targets = await versionIdsOfRefs(context, rollouts.map((r) => r.target));
    return rollouts.flatMap((r) => {
      const versionId = targets.get(r.target);
      return versionId ? [link(ref('MODEL_VERSION', versionId), ref('ROLLOUT', r.id), 'rolled_out')] : [];
    });
  },
};

export const DOWN_LINKS: Record<LineageKind, LinkFinder> = {
  TRACE: async (ids, context, limit) => {
    const found = await versionsOfTraces(context.services.store.db, context.projectId, ids, limit);
    return [...found].flatMap(([traceId, versionIds]) => versionIds.map((v) => link(ref('TRACE', traceId), ref('DATASET_VERSION', v), 'curated_into')));
  },
  DATASET_VERSION: async (ids, context, limit) => {
    const db = context.services.store.db;
    const children = await db.selectFrom('dataset_version_parents').select(['version_id', 'parent_id']).where('parent_id', 'in', ids).limit(limit).execute();
    const links = children.map((c) => link(ref('DATASET_VERSION', c.parent_id), ref('DATASET_VERSION', c.version_id), 'derived_into'));
    const jobs = await db.selectFrom('training_jobs').select(['id', 'dataset_version_id']).where('project_id', '=', context.projectId).where('dataset_version_id', 'in', ids).limit(limit).execute();
    for (const j of jobs) links.push(link(ref('DATASET_VERSION', j.dataset_version_id as string), ref('TRAINING_JOB', j.id), 'trained'));
    const runs = await db.selectFrom('eval_runs').select(['id', 'dataset_version_id']).where('project_id', '=', context.projectId).where('dataset_version_id', 'in', ids).limit(limit).execute();
    for (const r of runs) links.push(link(ref('DATASET_VERSION', r.dataset_version_id), ref('EVAL_RUN', r.id), 'evaluated_on'));
    const registered = await db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select('model_versions.id')
      .where('models.project_id', '=', context.projectId)
      .where((eb) => eb.or(ids.map((id) => eb('model_versions.dataset_version_ids_json', 'like', `%${JSON.stringify(id)}%`))))
      .limit(limit)
      .execute();
    const versions = await context.lookups.modelVersions(registered.map((r) => r.id));
    const jobs2 = await context.lookups.trainingJobsByModelVersion([...versions.values()].filter((v) => sourceJobId(v) === undefined).map((v) => v.id));
    for (const v of versions.values()) {
      if (sourceJobId(v) !== undefined || jobs2.has(v.id)) continue;
      for (const d of v.datasetVersionIds) if (ids.includes(d)) links.push(link(ref('DATASET_VERSION', d), ref('MODEL_VERSION', v.id), 'trained_on'));
    }
    return links;
  },
  TRAINING_JOB: async (ids, context, limit) => {
    const jobs = [...(await context.lookups.trainingJobs(ids)).values()];
    const links = jobs.filter((j) => j.modelVersionId).map((j) => link(ref('TRAINING_JOB', j.id), ref('MODEL_VERSION', j.modelVersionId as string), 'produced'));
    // Versions whose source names the job without the job naming them (a distillation registered by hand).
    const named = await context.services.store.db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select('model_versions.id')
      .where('models.project_id', '=', context.projectId)
      .where((eb) => eb.or(ids.map((id) => eb('model_versions.source_json', 'like', `%"jobId":${JSON.stringify(id)}%`))))
      .limit(limit)
      .execute();
    for (const v of (await context.lookups.modelVersions(named.map((n) => n.id))).values()) {
      const jobId = sourceJobId(v);
      if (jobId && ids.includes(jobId) && !jobs.some((j) => j.id === jobId && j.modelVersionId === v.id)) links.push(link(ref('TRAINING_JOB', jobId), ref('MODEL_VERSION', v.id), 'produced'));
    }
    return links;
  },
  MODEL_VERSION: async (ids, context, limit) => {
    const db = context.services.store.db;
    const versions = [...(await context.lookups.modelVersions(ids)).values()];
    const links: LineageLink[] = [];
    const runs = await runsOfVersions(context, versions);
    for (const v of versions) for (const run of runs) if (runEvaluates(run, v)) links.push(link(ref('MODEL_VERSION', v.id), ref('EVAL_RUN', run.id), 'evaluated'));
    const rollouts = await context.services.deployments.rollouts.list(context.projectId);
    const targets = await versionIdsOfRefs(context, rollouts.map((r) => r.target));
    for (const r of rollouts) {
      const versionId = targets.get(r.target);
      if (versionId && ids.includes(versionId)) links.push(link(ref('MODEL_VERSION', versionId), ref('ROLLOUT', r.id), 'rolled_out'));
    }
    const served = await db.selectFrom('traces').select(['id', 'version_id']).where('project_id', '=', context.projectId).where('version_id', 'in', ids).orderBy('id', 'desc').limit(limit).execute();
    for (const t of served) links.push(link(ref('MODEL_VERSION', t.version_id as string), ref('TRACE', t.id), 'served'));
    const derived = await db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select('model_versions.id')
      .where('models.project_id', '=', context.projectId)
      .where('model_versions.source_json', 'like', '%"fromVersion"%')
      .limit(limit)
      .execute();
    const children = [...(await context.lookups.modelVersions(derived.map((d) => d.id))).values()];
    const from = await versionIdsOfRefs(context, children.flatMap((c) => ('fromVersion' in c.source ? [c.source.fromVersion] : [])));
    for (const child of children) {
      const base = 'fromVersion' in child.source ? from.get(child.source.fromVersion) : undefined;
      if (base && ids.includes(base)) links.push(link(ref('MODEL_VERSION', base), ref('MODEL_VERSION', child.id), child.source.kind === 'quantisation' ? 'quantised_into' : 'distilled_into'));
    }
    const jobs = await db.selectFrom('training_jobs').select(['id', 'base_model']).where('project_id', '=', context.projectId).orderBy('created_at', 'desc').limit(limit).execute();
    const bases = await versionIdsOfRefs(context, jobs.map((j) => j.base_model));
    for (const job of jobs) {
      const base = bases.get(job.base_model);
      if (base && ids.includes(base)) links.push(link(ref('MODEL_VERSION', base), ref('TRAINING_JOB', job.id), 'fine_tuned'));
    }
    return links;
  },
  // Nothing is recorded as made from a run or a rollout (promotions name their run in the registry's history).
  EVAL_RUN: async () => [],
  ROLLOUT: async () => [],
};
