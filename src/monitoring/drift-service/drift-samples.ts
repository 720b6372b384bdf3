// The samples a drift test compares, from trace rows or dataset items: prompt and answer texts,
// token counts and feedback scores.
import type { DatasetItem } from '../../datasets/dataset-item.js';
import type { Db } from '../../store/index.js';
import { feedbackScore } from '../rollups/index.js';

export interface DriftSample {
  inputs: string[];
  outputs: string[];
  inputTokens: number[];
  outputTokens: number[];
  feedback: number[];
}

interface ChatLike {
  messages?: { content?: unknown }[];
  prompt?: unknown;
  input?: unknown;
  choices?: { message?: { content?: unknown }; text?: unknown }[];
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  return '';
}

export function promptText(requestJson: string | null): string {
  if (!requestJson) return '';
  const r = JSON.parse(requestJson) as ChatLike;
  if (Array.isArray(r.messages)) return r.messages.map((m) => textOf(m.content)).join('\n');
  return textOf(r.prompt ?? r.input);
}

export function answerText(responseJson: string | null): string {
  if (!responseJson) return '';
  const r = JSON.parse(responseJson) as ChatLike;
  const choice = r.choices?.[0];
  return textOf(choice?.message?.content ?? choice?.text);
}

export async function traceSample(db: Db, q: { projectId: string; from: number; to: number; route?: string; model?: string; limit: number }): Promise<DriftSample> {
  let query = db
    .selectFrom('traces')
    .select(['id', 'request_json', 'response_json', 'tokens_in', 'tokens_out'])
    .where('project_id', '=', q.projectId)
    .where('created_at', '>=', q.from)
    .where('created_at', '<', q.to)
    .where('status', '=', 'ok')
    .orderBy('created_at', 'desc')
    .limit(q.limit);
  if (q.route) query = query.where('route', '=', q.route);
  if (q.model) query = query.where((eb) => eb.or([eb('version_id', '=', q.model as string), eb('model', '=', q.model as string)]));
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const feedback = ids.length ? await db.selectFrom('feedback').select(['thumb', 'rating']).where('trace_id', 'in', ids).execute() : [];
  return {
    inputs: rows.map((r) => promptText(r.request_json)),
    outputs: rows.map((r) => answerText(r.response_json)),
    inputTokens: rows.map((r) => Number(r.tokens_in)),
    outputTokens: rows.map((r) => Number(r.tokens_out)),
    feedback: feedback.map((f) => feedbackScore(f.thumb, f.rating === null ? null : Number(f.rating))).filter((s): s is number => s !== null),
  };
}

export function datasetSample(items: readonly DatasetItem[]): DriftSample {
  const inputs = items.map((i) => (typeof i.input === 'string' ? i.input : i.input.map((m) => textOf(m.content)).join('\n')));
  const outputs = items.map((i) => (i.kind === 'example' ? (i.reference ?? '') : i.chosen));
  return { inputs, outputs, inputTokens: [], outputTokens: [], feedback: [] };
}

/** Lower-cased word counts: the token distribution of a set of texts. */
export function wordCounts(texts: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of texts) for (const word of text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []) counts[word] = (counts[word] ?? 0) + 1;
  return counts;
}
