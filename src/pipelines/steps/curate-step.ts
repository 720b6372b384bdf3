// Curate: turns feedback into a dataset version. A correction becomes an SFT example (the
// trace's prompt, the corrected answer); with kind `preference`, a correction on a thumbs-down
// answer becomes a pair (chosen: the correction, rejected: what the model said). Every item
// keeps its provenance: the trace and the feedback it came from.
import type { DatasetItem } from '../../datasets/dataset-item.js';
import type { DatasetService } from '../../datasets/index.js';
import { StewardError } from '../../errors/index.js';
import type { Store } from '../../store/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';

interface ChatLike {
  messages?: { role: string; content: unknown }[];
  prompt?: unknown;
  choices?: { message?: { content?: unknown }; text?: unknown }[];
}

function promptOf(request: ChatLike | null): DatasetItem['input'] | undefined {
  if (request?.messages?.length) {
    return request.messages.filter((m) => typeof m.content === 'string' && ['system', 'user', 'assistant', 'developer'].includes(m.role)).map((m) => ({ role: m.role, content: m.content as string })) as DatasetItem['input'];
  }
  return typeof request?.prompt === 'string' ? request.prompt : undefined;
}

function answerOf(response: ChatLike | null): string | undefined {
  const choice = response?.choices?.[0];
  const text = choice?.message?.content ?? choice?.text;
  return typeof text === 'string' ? text : undefined;
}

/** Items curated from feedback with corrections (newest first, at most `limit`). */
export async function curateFeedback(store: Store, projectId: string, options: { route?: string; kind: 'sft' | 'preference'; limit?: number }): Promise<DatasetItem[]> {
  let q = store.db
    .selectFrom('feedback')
    .innerJoin('traces', 'traces.id', 'feedback.trace_id')
    .select(['feedback.id as feedback_id', 'feedback.correction as correction', 'feedback.thumb as thumb', 'feedback.created_at as at', 'traces.id as trace_id', 'traces.request_json as request_json', 'traces.response_json as response_json'])
    .where('traces.project_id', '=', projectId)
    .where('feedback.correction', 'is not', null)
    .orderBy('feedback.created_at', 'desc')
    // Feedback given in the same millisecond keeps its order: ids are monotonic (store/ids.ts).
    .orderBy('feedback.id', 'desc')
    .limit(options.limit ?? 10_000);
  if (options.route) q = q.where('traces.route', '=', options.route);
  const rows = await q.execute();
  const items: DatasetItem[] = [];
  for (const row of rows) {
    const input = promptOf(row.request_json ? (JSON.parse(row.request_json) as ChatLike) : null);
    if (!input || !row.correction) continue;
    const provenance = { source: 'feedback', traceId: row.trace_id, feedbackId: row.feedback_id, collectedAt: new Date(Number(row.at)).toISOString() };
    if (options.kind === 'preference') {
      const rejected = answerOf(row.response_json ? (JSON.parse(row.response_json) as ChatLike) : null);
      if (rejected === undefined || rejected === row.correction || row.thumb === 'up') continue;
      items.push({ kind: 'preference', input, chosen: row.correction, rejected, provenance });
    } else items.push({ kind: 'example', input, reference: row.correction, provenance });
  }
  return items.reverse();
}

export class CurateStep implements PipelineStep {
  readonly name = 'curate';
  constructor(private readonly deps: { store: Store; datasets: DatasetService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.curate;
    if (!spec) return { status: 'skipped', detail: 'nothing to curate' };
    const items = await curateFeedback(this.deps.store, ctx.actor.projectId, { route: spec.route, kind: spec.kind });
    if (items.length < spec.minItems) return { status: 'failed', detail: `only ${items.length} curated items from feedback; the pipeline needs ${spec.minItems}` };
    try {
      await this.deps.datasets.get(ctx.actor.projectId, spec.dataset);
    } catch (error) {
      if (!(StewardError.is(error) && error.status === 404)) throw error;
      await this.deps.datasets.create(ctx.actor, { name: spec.dataset, description: 'curated from feedback by a Steward pipeline' });
    }
    const created = await this.deps.datasets.importItems(ctx.actor, spec.dataset, { items, message: `curated from feedback by pipeline run ${ctx.runId}` });
    ctx.datasetVersionId = created.version.id;
    const label = `${spec.dataset} v${created.version.version}`;
    ctx.say(`curated ${items.length} ${spec.kind} items from feedback → ${label}${created.unchanged ? ' (unchanged)' : ''}`);
    return { status: 'succeeded', detail: `${items.length} items → ${label}`, artifacts: [{ kind: 'dataset_version', id: created.version.id, label }] };
  }
}
