// Curation of feedback into training items: a correction becomes a supervised (SFT) example whose
// reference is the corrected answer, and a preference pair (correction over the model's answer);
// thumbs and ratings on answers to the same prompt become preference pairs, better over worse.
import type { DatasetItem, ExampleItem, PreferenceItem } from '../dataset-item.js';
import { canonicalJson } from '../versions/canonical-item.js';
import { type TraceRecord, traceAnswer, traceMessages } from './trace-items.js';

/** The part of a feedback row curation reads. */
export interface FeedbackRecord {
  id: string;
  trace_id: string;
  created_at: number;
  thumb: string | null;
  rating: number | null;
  correction: string | null;
}

export const CURATION_KINDS = ['sft', 'preference'] as const;
export type CurationKind = (typeof CURATION_KINDS)[number];

/** Pairs made per prompt at most (the best answer against each worse one). */
const PAIRS_PER_PROMPT = 5;

function score(feedback: FeedbackRecord): number | undefined {
  if (feedback.rating !== null) return Number(feedback.rating);
  if (feedback.thumb === 'up') return 5;
  if (feedback.thumb === 'down') return 1;
  return undefined;
}

/**
 * Items from feedback joined with its traces, deterministic for the same rows.
 * @example curateFeedback(rows, ['sft', 'preference'])
 */
export function curateFeedback(rows: readonly { feedback: FeedbackRecord; trace: TraceRecord }[], kinds: readonly CurationKind[] = CURATION_KINDS): DatasetItem[] {
  const items: DatasetItem[] = [];
  const groups = new Map<string, { input: NonNullable<ReturnType<typeof traceMessages>>; answers: { answer: string; score: number; feedback: FeedbackRecord; trace: TraceRecord }[] }>();
  for (const { feedback, trace } of rows) {
    const input = traceMessages(trace);
    if (!input) continue;
    const answer = traceAnswer(trace);
    const provenance = { source: 'feedback', traceId: trace.id, feedbackId: feedback.id, collectedAt: new Date(Number(feedback.created_at)).toISOString() };
    if (feedback.correction !== null && feedback.correction.trim() !== '') {
      if (kinds.includes('sft')) {
        const example: ExampleItem = { kind: 'example', id: `fb-${feedback.id}`, input, reference: feedback.correction, metadata: { curated: 'correction' }, provenance };
        items.push(example);
      }
      if (kinds.includes('preference') && answer !== undefined && answer !== feedback.correction) {
        const pair: PreferenceItem = { kind: 'preference', id: `fb-${feedback.id}-pref`, input, chosen: feedback.correction, rejected: answer, metadata: { curated: 'correction' }, provenance };
        items.push(pair);
      }
    }
    const value = score(feedback);
    if (value === undefined || answer === undefined) continue;
    const key = canonicalJson(input);
    const group = groups.get(key) ?? { input, answers: [] };
    group.answers.push({ answer, score: value, feedback, trace });
    groups.set(key, group);
  }
  if (!kinds.includes('preference')) return items;
  for (const group of groups.values()) {
    const ranked = [...group.answers].sort((a, b) => b.score - a.score || a.feedback.id.localeCompare(b.feedback.id));
    const best = ranked[0];
    const worse = ranked.filter((r) => r.score < best.score && r.answer !== best.answer).slice(-PAIRS_PER_PROMPT);
    for (const other of worse) {
      items.push({
        kind: 'preference',
        id: `fb-${best.feedback.id}-over-${other.feedback.id}`,
        input: group.input,
        chosen: best.answer,
        rejected: other.answer,
        metadata: { curated: 'ranking', chosenScore: best.score, rejectedScore: other.score, chosenTraceId: best.trace.id, rejectedTraceId: other.trace.id },
        provenance: { source: 'feedback', traceId: other.trace.id, feedbackId: other.feedback.id, collectedAt: new Date(Number(other.feedback.created_at)).toISOString() },
      });
    }
  }
  return items;
}
