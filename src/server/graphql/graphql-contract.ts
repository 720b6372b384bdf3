// The HTTP shapes of POST /graphql: the request (GraphQL over HTTP) and the answer, whose errors
// each carry a catalogue code in extensions.code.
import { z } from 'zod';
// Variables, extensions and answers are the query's own JSON, passed through as they are.
import { JsonValueSchema } from '../../contracts/json-contract.js';

export const GraphqlRequestSchema = z.object({
  query: z.string().min(1).optional().describe('The GraphQL document (queries only: the API is read-only); may be left out when extensions.persistedQuery names a query sent before'),
  operationName: z.string().nullable().optional(),
  // Variables are the operation's own: their types are checked against the document.
  variables: z.record(z.string(), JsonValueSchema).nullable().optional(),
  // persistedQuery: { version: 1, sha256Hash } (automatic persisted queries).
  extensions: z.record(z.string(), JsonValueSchema).nullable().optional(),
});

export const GraphqlErrorSchema = z.object({
  message: z.string(),
  locations: z.array(z.object({ line: z.number(), column: z.number() })).optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  extensions: z.object({ code: z.string().describe('A code of the error catalogue'), details: JsonValueSchema.optional() }),
});
export type FormattedError = z.infer<typeof GraphqlErrorSchema>;

export const GraphqlResponseSchema = z
  .object({
    // The shape of `data` is the query's own: the schema is in the README and GraphiQL.
    data: z.record(z.string(), JsonValueSchema).nullable(),
    errors: z.array(GraphqlErrorSchema).optional(),
  })
  .meta({ id: 'GraphqlResponse', description: 'A GraphQL answer: data, and errors each with extensions.code from the error catalogue' });
export type GraphqlResponse = z.infer<typeof GraphqlResponseSchema>;
