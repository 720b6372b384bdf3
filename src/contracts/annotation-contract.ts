// Annotation (/api/annotation): queues of traces chosen by a filter, their score schema, the next
// item for an annotator, annotations, and agreement between annotators.
import { z } from 'zod';
import { type AnnotationValues, type FieldAgreement, type QueueItem, type QueueRecord, ScoreSchemaSchema as DomainScoreSchemaSchema, type TraceFilter } from '../annotation/index.js';
import { THUMBS } from '../feedback/index.js';
import { TRACE_STATUSES } from '../monitoring/traces/index.js';
import { JsonValueSchema, ScalarSchema } from './json-contract.js';
import type { Agree } from './common-contract.js';

/** Named fields: categorical (one of options), numeric (min to max), boolean, or text (a corrected answer, a note). */
export const ScoreSchemaSchema = DomainScoreSchemaSchema.meta({ id: 'ScoreSchema' });

/** Which traces fill a queue (newest first). */
export const AnnotationQueueFilterSchema = z
  .object({
    route: z.string().optional(),
    model: z.string().optional().describe('A provider model or a registry version id'),
    status: z.enum(TRACE_STATUSES).optional(),
    thumb: z.enum(THUMBS).optional().describe('Only traces with feedback of this thumb'),
    from: z.number().int().optional().describe('Epoch milliseconds, inclusive'),
    to: z.number().int().optional().describe('Epoch milliseconds, exclusive'),
    limit: z.number().int().min(1).max(10_000).optional().describe('Default 500'),
  })
  .strict()
  .meta({ id: 'AnnotationQueueFilter' });

export const AnnotationQueueSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    schema: ScoreSchemaSchema,
    filter: AnnotationQueueFilterSchema,
    annotators: z.array(z.string()).describe('API key ids items are assigned to, round-robin; empty: anyone'),
    perItem: z.number(),
    items: z.number(),
    annotated: z.number().describe('Items with at least one annotation'),
    createdAt: z.string(),
  })
  .meta({ id: 'AnnotationQueue' });

export const CreateAnnotationQueueBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    schema: ScoreSchemaSchema,
    filter: AnnotationQueueFilterSchema.optional(),
    annotators: z.array(z.string().min(1)).optional(),
    perItem: z.number().int().min(1).max(10).optional(),
  })
  .strict()
  .meta({ examples: [{ name: 'support-review', schema: { fields: [{ name: 'helpful', type: 'categorical', options: ['yes', 'partly', 'no'] }, { name: 'quality', type: 'numeric', min: 1, max: 5 }] }, filter: { route: 'support' } }] });

export const AnnotationQueueItemSchema = z
  .object({
    traceId: z.string(),
    position: z.number(),
    // The trace's bodies as the client sent them and the upstream answered (null when not stored).
    request: JsonValueSchema,
    response: JsonValueSchema,
  })
  .meta({ id: 'AnnotationQueueItem' });
export const NextAnnotationItemSchema = z.object({ item: AnnotationQueueItemSchema.nullable().describe('null when the annotator has nothing left') });

/** One value per field of the queue's score schema: an option, a number, true/false, or text. */
export const AnnotationValuesSchema = z.record(z.string(), ScalarSchema).meta({ id: 'AnnotationValues' });
export const AnnotateBodySchema = z.object({ values: AnnotationValuesSchema }).strict();
export const AnnotationSchema = z.object({ id: z.string(), values: AnnotationValuesSchema }).meta({ id: 'Annotation' });

export const FieldAgreementSchema = z
  .object({
    field: z.string(),
    items: z.number().describe('Items rated by at least two annotators'),
    alpha: z.number().nullable().describe("Krippendorff's alpha (interval for numeric fields); null without variation"),
    cohensKappa: z.number().nullable().describe('When exactly two annotators rated (categorical and boolean fields)'),
  })
  .meta({ id: 'AnnotationFieldAgreement' });

export const QueueItemParamsSchema = z.object({ id: z.string(), traceId: z.string() });

// The domain's types and these schemas must describe the same shapes.
true satisfies Agree<QueueRecord, z.infer<typeof AnnotationQueueSchema>>;
true satisfies Agree<TraceFilter, z.infer<typeof AnnotationQueueFilterSchema>>;
true satisfies Agree<QueueItem, z.infer<typeof AnnotationQueueItemSchema>>;
true satisfies Agree<AnnotationValues, z.infer<typeof AnnotationValuesSchema>>;
true satisfies Agree<FieldAgreement, z.infer<typeof FieldAgreementSchema>>;
