// Curation of an annotation queue into training items: a text field holding the corrected answer
// becomes a supervised (SFT) example and a preference of the correction over the model's answer; a
// grade field (numeric, boolean, or categorical with options listed worst to best) ranks the
// answers to the same prompt, and the best becomes the chosen side of a pair against each worse one.
import { z } from 'zod';
import type { ScoreField, ScoreSchema } from '../../annotation/score-schema.js';
import { StewardError } from '../../errors/index.js';
import type { DatasetItem } from '../dataset-item.js';
import { canonicalJson } from '../versions/canonical-item.js';
import { CURATION_KINDS, type CurationKind } from './feedback-items.js';
import { type TraceRecord, traceAnswer, traceMessages } from './trace-items.js';

export const AnnotationCurationSchema = z
  .object({
    /** The queue's id or name. */
    queue: z.string().min(1),
    /** A `text` field of the queue's schema holding the answer the model should have given. */
    correctionField: z.string().min(1).optional(),
    /** A `numeric`, `boolean` or `categorical` field grading the answer (categorical options are read worst to best). */
    gradeField: z.string().min(1).optional(),
    kinds: z.array(z.enum(CURATION_KINDS)).min(1).optional(),
    /** Pairs need grades at least this far apart, on the grade scaled to 0–1 (by default every difference counts). */
    minGradeGap: z.number().min(0).max(1).default(0),
  })
  .strict();
export type AnnotationCuration = z.infer<typeof AnnotationCurationSchema>;

/** One annotation with the trace it scores. */
export interface AnnotatedTrace {
  annotation: { id: string; annotator: string; createdAt: number; values: Record<string, unknown> };
  trace: TraceRecord;
}

/** Pairs made per prompt at most (the best answer against each worse one). */
const PAIRS_PER_PROMPT = 5;

function fieldOf(schema: ScoreSchema, name: string, types: readonly ScoreField['type'][], role: string): ScoreField {
  const field = schema.fields.find((f) => f.name === name);
  if (!field || !types.includes(field.type)) {
    const fitting = schema.fields.filter((f) => types.includes(f.type)).map((f) => f.name);
    throw new StewardError({ code: 'VALIDATION_FAILED', message: `${role} ${name} is not a ${types.join('/')} field of the queue (its ${types.join('/')} fields: ${fitting.join(', ') || 'none'})` });
  }
  return field;
}

/** A grade scaled to 0–1, or undefined when the value does not fit the field. */
function scaledGrade(field: ScoreField, value: unknown): number | undefined {
  if (field.type === 'numeric' && typeof value === 'number') return field.max === field.min ? 1 : (value - field.min) / (field.max - field.min);
  if (field.type === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
  if (field.type === 'categorical' && typeof value === 'string') {
    const at = field.options.indexOf(value);
    return at < 0 ? undefined : at / (field.options.length - 1);
  }
  return undefined;
}

function provenance(annotation: AnnotatedTrace['annotation'], traceId: string) {
  return { source: 'annotation', traceId, annotationId: annotation.id, collectedAt: new Date(annotation.createdAt).toISOString() };
}

/**
 * Items from a queue's annotations, deterministic for the same rows (ordered by annotation time, then id).
 * @example curateAnnotations(schema, 'support-review', rows, { queue: 'support-review', correctionField: 'better', minGradeGap: 0 })
 */
export function curateAnnotations(schema: ScoreSchema, queueName: string, rows: readonly AnnotatedTrace[], spec: AnnotationCuration): DatasetItem[] {
  if (spec.correctionField === undefined && spec.gradeField === undefined) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'name a correctionField, a gradeField or both' });
  const kinds: readonly CurationKind[] = spec.kinds ?? CURATION_KINDS;
  const correction = spec.correctionField ? fieldOf(schema, spec.correctionField, ['text'], 'correctionField') : undefined;
  const grade = spec.gradeField ? fieldOf(schema, spec.gradeField, ['numeric', 'boolean', 'categorical'], 'gradeField') : undefined;
  const items: DatasetItem[] = [];
  const graded = new Map<string, { trace: TraceRecord; answer: string; grades: number[]; first: AnnotatedTrace['annotation'] }>();
  for (const { annotation, trace } of rows) {
    const input = traceMessages(trace);
    if (!input) continue;
    const answer = traceAnswer(trace);
    const corrected = correction ? annotation.values[correction.name] : undefined;
    if (typeof corrected === 'string' && corrected.trim() !== '') {
      const metadata = { curated: 'annotation-correction', queue: queueName, annotator: annotation.annotator };
      if (kinds.includes('sft')) items.push({ kind: 'example', id: `ann-${annotation.id}`, input, reference: corrected, metadata, provenance: provenance(annotation, trace.id) });
      if (kinds.includes('preference') && answer !== undefined && answer !== corrected) {
        items.push({ kind: 'preference', id: `ann-${annotation.id}-pref`, input, chosen: corrected, rejected: answer, metadata, provenance: provenance(annotation, trace.id) });
      }
    }
    const value = grade ? scaledGrade(grade, annotation.values[grade.name]) : undefined;
    if (value === undefined || answer === undefined) continue;
    const entry = graded.get(trace.id) ?? { trace, answer, grades: [], first: annotation };
    entry.grades.push(value);
    graded.set(trace.id, entry);
  }
  if (!kinds.includes('preference') || !grade) return items;
  const byPrompt = new Map<string, { input: NonNullable<ReturnType<typeof traceMessages>>; answers: { traceId: string; answer: string; grade: number; annotators: number; first: AnnotatedTrace['annotation'] }[] }>();
  for (const entry of graded.values()) {
    const input = traceMessages(entry.trace);
    if (!input) continue;
    const key = canonicalJson(input);
    const group = byPrompt.get(key) ?? { input, answers: [] };
    group.answers.push({ traceId: entry.trace.id, answer: entry.answer, grade: entry.grades.reduce((a, b) => a + b, 0) / entry.grades.length, annotators: entry.grades.length, first: entry.first });
    byPrompt.set(key, group);
  }
  for (const group of byPrompt.values()) {
    const ranked = [...group.answers].sort((a, b) => b.grade - a.grade || a.traceId.localeCompare(b.traceId));
    const best = ranked[0];
    const worse = ranked.filter((r) => best.grade - r.grade > spec.minGradeGap && r.grade < best.grade && r.answer !== best.answer).slice(-PAIRS_PER_PROMPT);
    for (const other of worse) {
      items.push({
        kind: 'preference',
        id: `ann-${best.traceId}-over-${other.traceId}`,
        input: group.input,
        chosen: best.answer,
        rejected: other.answer,
        metadata: { curated: 'annotation-grade', queue: queueName, gradeField: grade.name, chosenGrade: best.grade, rejectedGrade: other.grade, chosenTraceId: best.traceId, rejectedTraceId: other.traceId, chosenAnnotators: best.annotators, rejectedAnnotators: other.annotators },
        provenance: provenance(other.first, other.traceId),
      });
    }
  }
  return items;
}
