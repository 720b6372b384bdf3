// What a version records about how it was made: the operation's own parameters (the filter, the
// split's ratios, the merged sources, the augmentation, the curation source) and what it counted.
import { z } from 'zod';
import { AUGMENTATION_KINDS } from '../augmentation/augment.js';
import { MODEL_AUGMENTATION_KINDS } from '../augmentation/augment-with-model.js';
import { SWAP_KINDS } from '../augmentation/counterfactual-swap.js';
import { PERTURBATION_KINDS } from '../augmentation/text-perturbation.js';
import { TraceFilterSchema } from '../curation/curation-queries.js';
import { CURATION_KINDS } from '../curation/feedback-items.js';
import { IMPORT_FORMATS } from '../import/spool-import.js';
import { FilterSpecSchema } from '../operations/filter-items.js';
import { SplitSpecSchema } from '../operations/assign-splits.js';

/** Where an import or a curation took its items from (a streamed file import records its format instead). */
export const VERSION_SOURCES = ['request', 'traces', 'feedback', 'annotations'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/**
 * One object for every operation: each writes the fields of its own (see the descriptions), so a
 * reader tells them apart by the version's `operation` and `source`.
 */
export const VersionParamsSchema = z.object({
  source: z.enum(VERSION_SOURCES).optional().describe('import: request (items in the body); curate: traces, feedback or annotations'),
  format: z.enum(IMPORT_FORMATS).optional().describe('Streamed import: the file format'),
  filename: z.string().nullable().optional().describe('Streamed import'),
  items: z.number().optional().describe('Items imported or curated'),
  filter: z.union([FilterSpecSchema, TraceFilterSchema.partial()]).optional().describe('filter: the item filter; from traces or feedback: the trace filter'),
  ratios: SplitSpecSchema.shape.ratios.optional().describe('split'),
  seed: z.union([z.string(), z.number()]).optional().describe('split, augment'),
  overwrite: z.boolean().optional().describe('split'),
  sources: z.array(z.string()).optional().describe('merge: the versions merged, as dataset@version'),
  added: z.number().optional().describe('curate, augment: items added'),
  updated: z.array(z.string()).optional().describe('curate: ids of the items replaced'),
  removed: z.array(z.string()).optional().describe('curate: ids of the items removed'),
  kind: z.enum([...AUGMENTATION_KINDS, ...MODEL_AUGMENTATION_KINDS]).optional().describe('augment'),
  perturbations: z.array(z.enum(PERTURBATION_KINDS)).readonly().optional().describe('augment: perturb'),
  swaps: z.array(z.enum(SWAP_KINDS)).readonly().optional().describe('augment: counterfactual'),
  copies: z.number().optional().describe('augment'),
  rate: z.number().optional().describe('augment: perturb'),
  model: z.string().optional().describe('augment: paraphrase, synthetic'),
  instruction: z.string().optional().describe('augment: paraphrase'),
  count: z.number().optional().describe('augment: synthetic'),
  examplesPerPrompt: z.number().optional().describe('augment: synthetic'),
  includeOriginals: z.boolean().optional().describe('augment'),
  rejected: z.number().optional().describe('augment: model answers refused'),
  traces: z.number().optional().describe('from traces: traces matched'),
  feedback: z.number().optional().describe('from feedback: feedback rows read'),
  annotations: z.number().optional().describe('from annotations: annotations read'),
  kinds: z.array(z.enum(CURATION_KINDS)).optional().describe('from feedback or annotations'),
  queue: z.string().optional().describe('from annotations: the queue name'),
  queueId: z.string().optional().describe('from annotations'),
  correctionField: z.string().optional().describe('from annotations'),
  gradeField: z.string().optional().describe('from annotations'),
  minGradeGap: z.number().optional().describe('from annotations'),
  append: z.boolean().optional().describe('from traces, feedback or annotations: the latest version’s items came first'),
});
export type VersionParams = z.infer<typeof VersionParamsSchema>;
