// The lineage the demo prints at the end: from the version production serves back, through the
// records Steward keeps, to the feedback that caused it — the rollout that promoted it, the
// evaluation that gated it, the training job and its dataset version, the curated items, each
// item's feedback and trace, and the alert that started the run. Read from the store, not from
// the demo's memory, so it shows what a user would find.
import type { DatasetService } from '../../datasets/index.js';
import type { TrainingService } from '../../training/index.js';
import type { Store } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import type { PipelineRunRecord } from '../pipeline-service.js';
import type { DemoReferences } from './demo-references.js';

export interface LineageSources {
  store: Store;
  datasets: DatasetService;
  training: TrainingService;
  projectId: string;
  refs: DemoReferences;
}

/** Lines of the lineage of the version a pipeline run promoted. */
export async function lineageOf(src: LineageSources, run: PipelineRunRecord, pipelineName: string): Promise<string[]> {
  const artifact = (kind: string) => run.steps.flatMap((s) => s.artifacts).find((a) => a.kind === kind);
  const version = artifact('model_version');
  const job = artifact('training_job');
  const data = artifact('dataset_version');
  const rollout = artifact('rollout');
  if (!version || !job || !data) return ['(the run made no model version: no lineage)'];
  const { refs, store, projectId } = src;
  const row = await store.db.selectFrom('model_versions').select(['name', 'source_json', 'dataset_version_ids_json']).where('id', '=', version.id).executeTakeFirstOrThrow();
  const source = fromJsonColumn<{ kind?: string; jobId?: string }>(row.source_json, {});
  const recordedData = fromJsonColumn<string[]>(row.dataset_version_ids_json, []);
  const trained = await src.training.get(projectId, job.id);
  const evaluation = run.steps.find((s) => s.name === 'evaluate');
  const [datasetName, versionLabel] = (data.label ?? '').split(' v');
  const items = await src.datasets.items(projectId, datasetName, Number(versionLabel), { limit: 10_000 });
  const feedbackIds = items.flatMap((i) => (i.item.provenance?.feedbackId ? [String(i.item.provenance.feedbackId)] : []));
  const feedback = feedbackIds.length ? await store.db.selectFrom('feedback').innerJoin('traces', 'traces.id', 'feedback.trace_id').select(['feedback.id as id', 'feedback.thumb as thumb', 'feedback.correction as correction', 'traces.id as trace', 'traces.route as route']).where('feedback.id', 'in', feedbackIds).execute() : [];
  const byId = new Map(feedback.map((f) => [f.id, f]));
  const lines = [
    `${row.name} (model version ${refs.ref(version.id)}), serving 100% of its route`,
    ...(rollout ? [`  ← promoted by rollout ${refs.ref(rollout.id)} (${rollout.label})`] : []),
    ...(evaluation ? [`  ← gated by evaluation: ${refs.line(evaluation.detail)}`] : []),
    `  ← made by training job ${refs.ref(job.id)} (${trained.method} from ${trained.baseModel}, learning rate ${trained.hyperParameters.learningRate}, ${trained.hyperParameters.maxSteps ?? '?'} steps${trained.hyperParameters.adapterRank ? `, LoRA rank ${trained.hyperParameters.adapterRank}` : ''}; the version records job ${source.jobId ? refs.ref(source.jobId) : '?'})`,
    `  ← trained on dataset version ${data.label} (${refs.ref(data.id)}; the version records ${recordedData.map((id) => refs.ref(id)).join(', ') || 'none'}), ${items.length} items`,
  ];
  for (const { item } of items.slice(0, 3)) {
    const f = byId.get(String(item.provenance?.feedbackId ?? ''));
    const prompt = Array.isArray(item.input) ? item.input.map((m) => m.content).join(' / ') : String(item.input);
    lines.push(`      "${prompt}" → "${item.kind === 'example' ? item.reference : ''}" ← feedback ${f ? `${refs.ref(f.id)} (thumbs ${f.thumb}, correction "${f.correction}") on trace ${refs.ref(f.trace)} of route ${f.route}` : 'missing'}`);
  }
  if (items.length > 3) lines.push(`      … and ${items.length - 3} more, each with its feedback and trace`);
  lines.push(`  ← curated by pipeline ${pipelineName} run ${refs.ref(run.id)}, started by its ${run.trigger} trigger: ${refs.line(run.triggerDetail ?? '')}`);
  return lines;
}
