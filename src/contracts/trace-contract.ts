// Traces of gateway calls and the feedback attached to them (/api/traces, /api/feedback).
import { z } from 'zod';
import { TRACE_STATUSES } from '../monitoring/traces/trace-record.js';
import { THUMBS } from '../feedback/feedback-service.js';
import { JsonValueSchema } from './json-contract.js';
// The value lists are the domain's own, declared once there.
export { TRACE_STATUSES, THUMBS };

export const TraceAttemptSchema = z
  .object({ provider: z.string(), model: z.string(), status: z.number().nullable().describe('Upstream HTTP status'), latencyMs: z.number(), error: z.string().nullable(), outcome: z.string(), splicedAtChars: z.number().optional().describe('Characters of text a broken stream had sent when the next target continued it') })
  .meta({ id: 'TraceAttempt' });

export const FeedbackSchema = z
  .object({
    id: z.string(),
    traceId: z.string(),
    createdAt: z.string(),
    thumb: z.enum(THUMBS).nullable(),
    rating: z.number().nullable(),
    comment: z.string().nullable(),
    correction: z.string().nullable(),
    source: z.string(),
    annotator: z.string().nullable(),
  })
  .meta({ id: 'Feedback' });
export type Feedback = z.infer<typeof FeedbackSchema>;

export const TraceSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    endpoint: z.string(),
    surface: z.object({ name: z.string(), translated: z.boolean() }).nullable().optional().describe('The API surface the call came in on (responses, messages) and whether it was translated to chat completions'),
    requestedModel: z.string(),
    route: z.string().nullable(),
    routeRevision: z.number().nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    versionId: z.string().nullable(),
    promptVersionId: z.string().nullable(),
    status: z.string(),
    httpStatus: z.number(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    stream: z.boolean(),
    cacheHit: z.boolean(),
    keyId: z.string().nullable(),
    user: z.string().nullable().describe('Keyed pseudonym of the request’s user field'),
    batchId: z.string().nullable(),
    tokensIn: z.number(),
    tokensOut: z.number(),
    costUsd: z.number(),
    ttftMs: z.number().nullable(),
    latencyMs: z.number(),
    overheadMs: z.number().nullable(),
    attempts: z.array(TraceAttemptSchema),
    // The bodies as the client sent them and the upstream answered (redacted when the route says so).
    request: JsonValueSchema.optional(),
    response: JsonValueSchema.optional(),
    feedback: z.array(FeedbackSchema).optional(),
  })
  .meta({ id: 'Trace' });
export type Trace = z.infer<typeof TraceSchema>;

export const TraceQuerySchema = z.object({
  route: z.string().optional(),
  model: z.string().optional(),
  status: z.enum(TRACE_STATUSES).optional(),
  keyId: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  bodies: z.stringbool().default(false).describe('Include request and response bodies'),
});

export const CreateFeedbackBodySchema = z
  .object({
    traceId: z.string().min(1),
    thumb: z.enum(THUMBS).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().max(10_000).optional(),
    correction: z.string().max(100_000).optional().describe('The answer the model should have given'),
    source: z.string().min(1).max(100).optional().describe('Who gave it: user (default), annotator, api…'),
    annotator: z.string().max(200).optional(),
  })
  .strict()
  .meta({ examples: [{ traceId: 'trc_01J…', thumb: 'down', correction: 'Paris is the capital of France.' }] });
export type CreateFeedbackBody = z.infer<typeof CreateFeedbackBodySchema>;
