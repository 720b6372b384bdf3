// Shapes every management endpoint shares: the error envelope (codes from the catalogue), list
// pages and cursors, and id parameters.
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/error-catalogue.js';
import { JsonValueSchema } from './json-contract.js';

/** Every code a management error may carry: the keys of the error catalogue. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('A stable code of the error catalogue'),
      message: z.string(),
      // What a code adds (the bad field, validation issues, closest names) depends on the code.
      details: JsonValueSchema,
    }),
  })
  .meta({ id: 'ManagementError', description: 'Management error', example: { error: { code: 'NOT_FOUND', message: 'route support-bot not found', details: null } } });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Standard error responses to list in a route's schema. */
export const ERROR_RESPONSES = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

export const PageQuerySchema = z.object({
  cursor: z.string().optional().describe('next_cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A page of items: `{ data, next_cursor }` (null when there is no more). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last') });
}

/** A complete list: `{ data }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

export const IdParamsSchema = z.object({ id: z.string().min(1) });
export const NameParamsSchema = z.object({ name: z.string().min(1) });

/** Who did something, as recorded. */
export const ActorRefSchema = z.object({ id: z.string().nullable().describe('API key id, or null for the system'), name: z.string() }).meta({ id: 'ActorRef' });
export type ActorRef = z.infer<typeof ActorRefSchema>;

/**
 * True when a domain type and a contract's inferred type accept each other both ways:
 * `true satisfies Agree<DomainRecord, z.infer<typeof RecordSchema>>` fails the build when a field
 * is added to one side only.
 */
export type Agree<Domain, Contract> = [Domain] extends [Contract] ? ([Contract] extends [Domain] ? true : false) : false;
