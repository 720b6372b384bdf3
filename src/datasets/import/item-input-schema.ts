// The shape of an item as a client sends it (POST …/versions, one JSONL line), for the OpenAPI
// document: every field typed, `kind` optional (inferred), and other fields let through to the
// import, which refuses them by name unless they are mapped or kept (item-fields.ts).
import { z } from 'zod';
import { DATASET_ITEM_KINDS, ExampleItemSchema, PreferenceItemSchema } from '../dataset-item.js';

export const ItemInputRowSchema = z
  .object({
    ...ExampleItemSchema.shape,
    ...PreferenceItemSchema.shape,
    kind: z.enum(DATASET_ITEM_KINDS).optional().describe('example or preference; inferred (chosen and rejected make a preference)'),
    reference: ExampleItemSchema.shape.reference.describe('The expected output: read by exact_match, contains, token_f1, bleu, rouge_l, embedding_similarity, llm_judge (when useReference) and the fine-tuning exports'),
    chosen: z.string().optional().describe('The preferred answer of a preference pair (with rejected)'),
    rejected: z.string().optional().describe('The dispreferred answer of a preference pair (with chosen)'),
  })
  .loose()
  .describe('A dataset item: input (text or chat messages), and reference, or chosen and rejected; id, split, metadata and provenance are optional');

/** Field options of an import, as the API takes them. */
export const FieldOptionsSchema = {
  keepUnknown: z.boolean().optional().describe('Keep fields an item does not have under metadata instead of refusing the item'),
  map: z.record(z.string(), z.string().min(1)).optional().describe('Rename fields first, e.g. {"expected": "reference", "topic": "metadata.topic"}'),
};
