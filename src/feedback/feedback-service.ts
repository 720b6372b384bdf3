// Feedback on traces: a thumb, a rating from 1 to 5, a comment or a corrected answer, with who gave it
// (`source`: user, annotator, api…). Unknown traces, and traces of another project, are refused (404).
import { invalid, notFound } from '../errors/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { FeedbackTable, Store } from '../store/index.js';
import { newId } from '../store/index.js';

export const THUMBS = ['up', 'down'] as const;
export type Thumb = (typeof THUMBS)[number];

export interface FeedbackInput {
  traceId: string;
  thumb?: Thumb;
  rating?: number;
  comment?: string;
  correction?: string;
  /** Who gave it: `user` (default), `annotator`, `api`, … */
  source?: string;
  annotator?: string;
}

export interface Feedback {
  id: string;
  traceId: string;
  createdAt: string;
  thumb: Thumb | null;
  rating: number | null;
  comment: string | null;
  correction: string | null;
  source: string;
  annotator: string | null;
}

function toFeedback(row: FeedbackTable): Feedback {
  return {
    id: row.id,
    traceId: row.trace_id,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    thumb: row.thumb as Thumb | null,
    rating: row.rating === null ? null : Number(row.rating),
    comment: row.comment,
    correction: row.correction,
    source: row.source,
    annotator: row.annotator,
  };
}

export class FeedbackService {
  readonly #store: Store;
  /** Called before a lookup so a trace still in the writer's buffer is found. */
  readonly #beforeLookup: () => Promise<void>;

  constructor(options: { store: Store; beforeLookup?: () => Promise<void> }) {
    this.#store = options.store;
    this.#beforeLookup = options.beforeLookup ?? (async () => {});
  }

  /** @throws VALIDATION_FAILED when nothing is given; NOT_FOUND for an unknown trace. */
  async add(actor: Actor, input: FeedbackInput): Promise<Feedback> {
    if (input.thumb === undefined && input.rating === undefined && input.comment === undefined && input.correction === undefined) {
      throw invalid('feedback needs a thumb, a rating, a comment or a correction');
    }
    if (input.rating !== undefined && !(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5)) {
      throw invalid('rating must be an integer from 1 to 5', { param: 'rating' });
    }
    await this.#findTrace(actor.projectId, input.traceId);
    const row: FeedbackTable = {
      id: newId('fb'),
      project_id: actor.projectId,
      trace_id: input.traceId,
      created_at: Date.now(),
      thumb: input.thumb ?? null,
      rating: input.rating ?? null,
      comment: input.comment ?? null,
      correction: input.correction ?? null,
      source: input.source ?? 'user',
      annotator: input.annotator ?? null,
      actor_id: actor.id,
    };
    // Audited with the write: who judged which trace, never the comment's or correction's text
    // (they may quote the conversation), which stays in the feedback row alone.
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('feedback').values(row).execute();
      await recordAudit(tx, {
        actor,
        action: 'feedback.create',
        resourceType: 'feedback',
        resourceId: row.id,
        after: { traceId: row.trace_id, thumb: row.thumb, rating: row.rating, comment: row.comment !== null, correction: row.correction !== null, source: row.source },
      });
    });
    return toFeedback(row);
  }

  /** Feedback on a trace of the project. @throws NOT_FOUND for an unknown trace or another project's. */
  async forTrace(projectId: string, traceId: string): Promise<Feedback[]> {
    await this.#findTrace(projectId, traceId);
    const rows = await this.#store.db.selectFrom('feedback').selectAll().where('project_id', '=', projectId).where('trace_id', '=', traceId).orderBy('created_at').execute();
    return rows.map(toFeedback);
  }

  /** Another project's trace is NOT_FOUND like an unknown one: a 403 would confirm it exists. */
  async #findTrace(projectId: string, traceId: string): Promise<void> {
    const lookup = () => this.#store.db.selectFrom('traces').select('id').where('project_id', '=', projectId).where('id', '=', traceId).executeTakeFirst();
    let trace = await lookup();
    if (!trace) {
      await this.#beforeLookup();
      trace = await lookup();
    }
    if (!trace) throw notFound(`trace ${traceId}`);
  }
}
