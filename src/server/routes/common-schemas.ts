// Schemas every management route shares: the error body, list pages and cursors.
import { z } from 'zod';

export const ErrorBodySchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) })
  .describe('Management error');

/** Standard error responses to list in a route's schema. */
export const ERROR_RESPONSES = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

export const PageQuerySchema = z.object({
  cursor: z.string().optional().describe('next_cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A page of items: `{ data, next_cursor }` (null when there is no more). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** A complete list: `{ data }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

export const IdParamsSchema = z.object({ id: z.string().min(1) });
