// The score schema of an annotation queue: named fields that are categorical (one of a list),
// numeric (within a range), boolean, or free text (a corrected answer, a note); and the validation
// of one annotation against it.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';

export const ScoreFieldSchema = z.discriminatedUnion('type', [
  z.object({ name: z.string().min(1), type: z.literal('categorical'), options: z.array(z.string().min(1)).min(2) }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('numeric'), min: z.number(), max: z.number() }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('boolean') }).strict(),
  /** Free text, e.g. the answer the model should have given; `optional` fields may be left out or empty. */
  z.object({ name: z.string().min(1), type: z.literal('text'), maxLength: z.number().int().min(1).max(100_000).default(20_000), optional: z.boolean().default(false) }).strict(),
]);
export type ScoreField = z.infer<typeof ScoreFieldSchema>;

export const ScoreSchemaSchema = z.object({ fields: z.array(ScoreFieldSchema).min(1).max(50) }).strict();
export type ScoreSchema = z.infer<typeof ScoreSchemaSchema>;

export type AnnotationValues = Record<string, string | number | boolean>;

/** Checks every field of the schema (all required) and nothing else; throws ANNOTATION_INVALID. */
export function validateAnnotation(schema: ScoreSchema, values: Record<string, unknown>): AnnotationValues {
  const problems: string[] = [];
  const out: AnnotationValues = {};
  for (const f of schema.fields) {
    const v = values[f.name];
    if (f.type === 'text' && f.optional && (v === undefined || v === '')) continue;
    if (v === undefined) problems.push(`${f.name} is required`);
    else if (f.type === 'categorical' && (typeof v !== 'string' || !f.options.includes(v))) problems.push(`${f.name} must be one of ${f.options.join(', ')}`);
    else if (f.type === 'numeric' && (typeof v !== 'number' || v < f.min || v > f.max)) problems.push(`${f.name} must be a number from ${f.min} to ${f.max}`);
    else if (f.type === 'boolean' && typeof v !== 'boolean') problems.push(`${f.name} must be true or false`);
    else if (f.type === 'text' && (typeof v !== 'string' || v.trim() === '' || v.length > f.maxLength)) problems.push(`${f.name} must be non-empty text of at most ${f.maxLength} characters`);
    else out[f.name] = v as string | number | boolean;
  }
  for (const key of Object.keys(values)) if (!schema.fields.some((f) => f.name === key)) problems.push(`${key} is not a field of this queue`);
  if (problems.length) throw new StewardError({ code: 'ANNOTATION_INVALID', message: problems.join('; '), details: { problems } });
  return out;
}
