// Datasets (/api/datasets): datasets and their immutable versions, items, derived versions (filter,
// split, merge, augment, curate), diff, lineage, quality reports, import and export.
import { z } from 'zod';
import {
  AnnotationCurationSchema,
  CURATION_KINDS,
  CurateSpecSchema,
  DATASET_ITEM_KINDS,
  DATASET_OPERATIONS,
  DATASET_SPLITS,
  type CreatedVersion,
  type Dataset,
  type DatasetItem,
  DatasetProvenanceSchema as DomainDatasetProvenanceSchema,
  type DatasetVersion,
  EXPORT_FORMATS,
  ExampleItemSchema as DomainExampleItemSchema,
  FilterSpecSchema,
  IMPORT_FORMATS,
  LINEAGE_DIRECTIONS,
  type LineageGraph,
  PreferenceItemSchema as DomainPreferenceItemSchema,
  ProvenanceSchema,
  SplitSpecSchema,
  type StoredItem,
  type StoredQualityReport,
  TraceFilterSchema,
  type VersionDiff,
  VersionParamsSchema,
} from '../datasets/index.js';
import { PERTURBATION_KINDS } from '../datasets/augmentation/index.js';
import { QUALITY_CHECK_NAMES, QUALITY_STATUSES, QualityOptionsSchema, type QualityCheckResult, type QualityReport } from '../datasets/quality/index.js';
import { MetadataSchema } from './json-contract.js';
import type { Agree } from './common-contract.js';

/** Where a dataset came from and on what terms. */
export const DatasetProvenanceSchema = DomainDatasetProvenanceSchema.meta({ id: 'DatasetProvenance' });

export const DatasetSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    description: z.string(),
    provenance: DatasetProvenanceSchema,
    latestVersion: z.number().nullable().describe('null until the first version'),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Dataset' });

/** What the operation that made a version was given, and what it counted; each operation fills its own fields. */
export const DatasetVersionParamsSchema = VersionParamsSchema.meta({ id: 'DatasetVersionParams' });

export const DatasetVersionSchema = z
  .object({
    id: z.string(),
    datasetId: z.string(),
    dataset: z.string(),
    version: z.number(),
    hash: z.string().describe('sha256 over the item hashes in order'),
    itemCount: z.number(),
    splits: z.object({ train: z.number(), validation: z.number(), test: z.number(), none: z.number() }).describe('Items per split'),
    operation: z.enum(DATASET_OPERATIONS),
    params: DatasetVersionParamsSchema,
    parents: z.array(z.string()).describe('Version ids this one was made from'),
    message: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'DatasetVersion' });

/** Where an item came from: the record that lets a version answer "may we use this, and why is it here". */
export const ItemProvenanceSchema = ProvenanceSchema.meta({ id: 'ItemProvenance' });

// Item metadata is the user's own: free-form on purpose.
const itemFields = { metadata: MetadataSchema.optional(), provenance: ItemProvenanceSchema.optional() };
export const ExampleItemSchema = DomainExampleItemSchema.extend(itemFields).meta({ id: 'ExampleItem', description: 'An input with an optional reference: for evaluation and supervised fine-tuning' });
export const PreferenceItemSchema = DomainPreferenceItemSchema.extend(itemFields).meta({ id: 'PreferenceItem', description: 'A preference pair (input, chosen, rejected) for preference tuning' });
export const DatasetItemSchema = z.discriminatedUnion('kind', [ExampleItemSchema, PreferenceItemSchema]).meta({ id: 'DatasetItem' });

/**
 * An item as a client sends it (POST …/versions, curate): every field typed, `kind` optional
 * (inferred), and other fields passed on to the import, which refuses them by name unless they are
 * mapped or kept (DATASET_FIELD_UNKNOWN).
 */
export const DatasetItemRowSchema = z
  .looseObject({
    ...ExampleItemSchema.shape,
    ...PreferenceItemSchema.shape,
    kind: z.enum(DATASET_ITEM_KINDS).optional().describe('example or preference; inferred (chosen and rejected make a preference)'),
    reference: ExampleItemSchema.shape.reference.describe('The expected output: read by exact_match, contains, token_f1, bleu, rouge_l, embedding_similarity, llm_judge (when useReference) and the fine-tuning exports'),
    chosen: z.string().optional().describe('The preferred answer of a preference pair (with rejected)'),
    rejected: z.string().optional().describe('The dispreferred answer of a preference pair (with chosen)'),
  })
  .meta({ id: 'DatasetItemRow', description: 'A dataset item: input (text or chat messages), and reference, or chosen and rejected; id, split, metadata and provenance are optional' });

export const QualityCheckResultSchema = z
  .object({
    check: z.enum(QUALITY_CHECK_NAMES),
    status: z.enum(QUALITY_STATUSES),
    summary: z.string(),
    indices: z.array(z.number()).describe('Positions (0-based) of the items that caused the finding'),
    itemIds: z.array(z.string()).describe('Ids of those items, where they have one'),
    metrics: z.record(z.string(), z.number()),
    details: z
      .object({
        groups: z.array(z.array(z.number())).optional().describe('exact_duplicates, near_duplicates: groups of item positions (the first 100)'),
        distribution: z.record(z.string(), z.number()).optional().describe('label_imbalance: items per label; source_dominance: items per source'),
        tokens: z.array(z.object({ token: z.string(), label: z.string(), count: z.number(), lift: z.number() })).optional().describe('label_correlated_tokens: rare tokens seen only with one label'),
        triggers: z.array(z.object({ phrase: z.string(), phrases: z.array(z.string()), output: z.string(), count: z.number() })).optional().describe('trigger_phrases: rare phrases that recur with a fixed output'),
      })
      .optional(),
  })
  .meta({ id: 'DatasetQualityCheck' });

export const QualityReportSchema = z
  .object({
    id: z.string(),
    versionId: z.string(),
    status: z.enum(QUALITY_STATUSES).describe('The worst status of any check'),
    report: z.object({ status: z.enum(QUALITY_STATUSES), itemCount: z.number(), checks: z.array(QualityCheckResultSchema), durationMs: z.number() }),
    createdAt: z.string(),
  })
  .meta({ id: 'DatasetQualityReport' });

export const CreatedVersionSchema = z
  .object({
    version: DatasetVersionSchema,
    unchanged: z.boolean().describe('True when the content equals the latest version: nothing new was written'),
    quality: QualityReportSchema.nullable().describe('Run at creation for versions up to 20 000 items; null otherwise'),
    rejected: z.array(z.object({ index: z.number(), reason: z.string() })).optional().describe('augment: model answers refused'),
  })
  .meta({ id: 'CreatedDatasetVersion' });

export const StoredItemSchema = z.object({ position: z.number(), hash: z.string(), item: DatasetItemSchema }).meta({ id: 'DatasetVersionItem' });

export const DatasetDiffSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    counts: z.object({ added: z.number(), removed: z.number(), changed: z.number(), unchanged: z.number() }),
    added: z.array(DatasetItemSchema),
    removed: z.array(DatasetItemSchema),
    changed: z.array(z.object({ id: z.string(), before: DatasetItemSchema, after: DatasetItemSchema })),
    truncated: z.boolean().describe('True when a list was cut at limit'),
  })
  .meta({ id: 'DatasetDiff' });

export const DatasetLineageSchema = z
  .object({
    root: z.string(),
    direction: z.enum(LINEAGE_DIRECTIONS),
    nodes: z.array(z.object({ id: z.string(), label: z.string(), dataset: z.string(), version: z.number(), hash: z.string(), operation: z.string(), itemCount: z.number(), createdAt: z.string(), depth: z.number() })),
    edges: z.array(z.object({ from: z.string(), to: z.string() })).describe('from was made into to (parent → child)'),
  })
  .meta({ id: 'DatasetLineage' });

const NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'letters, digits, dot, dash, underscore; 1-100 characters');
const Message = z.string().max(2000).optional();

export const DatasetNameParamsSchema = z.object({ name: z.string().min(1) });
export const DatasetVersionRefParamsSchema = z.object({ name: z.string().min(1), version: z.string().min(1).describe('A version number, `latest`, or a version id') });

export const CreateDatasetBodySchema = z.object({ name: NAME, description: z.string().max(2000).optional(), provenance: DatasetProvenanceSchema.optional() }).strict();

/** Field options of an import, as the API takes them. */
const FieldOptionsSchema = {
  keepUnknown: z.boolean().optional().describe('Keep fields an item does not have under metadata instead of refusing the item'),
  map: z.record(z.string(), z.string().min(1)).optional().describe('Rename fields first, e.g. {"expected": "reference", "topic": "metadata.topic"}'),
};

export const ImportItemsBodySchema = z.object({ items: z.array(DatasetItemRowSchema).min(1).max(50_000), message: Message, provenance: ItemProvenanceSchema.optional(), ...FieldOptionsSchema }).strict();

export const ImportStreamQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).optional().describe('Defaults from the content type'),
  message: Message,
  filename: z.string().max(300).optional(),
  source: z.string().min(1).optional().describe('Item provenance filled in where missing'),
  licence: z.string().min(1).optional(),
  consent: z.string().min(1).optional(),
  collectedAt: z.iso.datetime({ offset: true }).optional(),
  keepUnknown: z.stringbool().default(false).describe('Keep unknown fields under metadata instead of refusing the upload'),
  map: z.union([z.string(), z.array(z.string())]).optional().describe('Field renames from=to, e.g. expected=reference (repeatable or comma-separated)'),
});

export const ItemPageQuerySchema = z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), split: z.enum(DATASET_SPLITS).optional() });
export const DiffQuerySchema = z.object({ from: z.string().min(1), to: z.string().min(1), limit: z.coerce.number().int().min(0).max(5000).default(200) });
export const LineageQuerySchema = z.object({ direction: z.enum(LINEAGE_DIRECTIONS).default('up') });
export const ExportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl'), split: z.enum(DATASET_SPLITS).optional() });

/** Which quality checks to run and their thresholds; every field has a default. */
export const QualityOptionsBodySchema = QualityOptionsSchema.strict().prefault({}).meta({ id: 'DatasetQualityOptions' });

export const FilterBodySchema = z.object({ filter: FilterSpecSchema, message: Message }).strict();
export const SplitBodySchema = SplitSpecSchema.extend({ message: Message });
export const CurateBodySchema = CurateSpecSchema.extend({
  add: z.array(DatasetItemRowSchema).default([]),
  update: z.array(DatasetItemRowSchema).default([]).describe('Items replacing the stored item with the same id'),
  message: Message,
});

const Seed = z.union([z.number(), z.string()]).default(0);
export const AugmentBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('perturb'),
    seed: Seed,
    perturbations: z.array(z.enum(PERTURBATION_KINDS)).optional(),
    copies: z.number().int().min(1).max(10).optional(),
    rate: z.number().gt(0).max(1).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
  z.object({ kind: z.literal('counterfactual'), seed: Seed, includeOriginals: z.boolean().optional(), message: Message }),
  z.object({
    kind: z.literal('paraphrase'),
    model: z.string().min(1),
    copies: z.number().int().min(1).max(5).optional(),
    instruction: z.string().min(1).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
  z.object({
    kind: z.literal('synthetic'),
    model: z.string().min(1),
    count: z.number().int().min(1).max(10_000),
    seed: Seed,
    examplesPerPrompt: z.number().int().min(1).max(20).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
]);

export const MergeBodySchema = z.object({ sources: z.array(z.object({ dataset: z.string().min(1), version: z.union([z.string().min(1), z.number().int().positive()]) })).min(1).max(50), message: Message }).strict();
export const FromTracesBodySchema = z.object({ filter: TraceFilterSchema.prefault({}), append: z.boolean().default(false), message: Message }).strict();
export const FromFeedbackBodySchema = z
  .object({
    filter: TraceFilterSchema.omit({ thumb: true, status: true }).prefault({}),
    kinds: z.array(z.enum(CURATION_KINDS)).min(1).optional(),
    append: z.boolean().default(true),
    message: Message,
  })
  .strict();
export const FromAnnotationsBodySchema = AnnotationCurationSchema.extend({ append: z.boolean().default(true), message: Message }).strict();

// The domain's types and these schemas must describe the same shapes.
true satisfies Agree<Dataset, z.infer<typeof DatasetSchema>>;
true satisfies Agree<DatasetVersion, z.infer<typeof DatasetVersionSchema>>;
true satisfies Agree<DatasetItem, z.infer<typeof DatasetItemSchema>>;
true satisfies Agree<QualityCheckResult, z.infer<typeof QualityCheckResultSchema>>;
true satisfies Agree<QualityReport, z.infer<typeof QualityReportSchema>['report']>;
true satisfies Agree<StoredQualityReport, z.infer<typeof QualityReportSchema>>;
true satisfies Agree<CreatedVersion & { rejected?: { index: number; reason: string }[] }, z.infer<typeof CreatedVersionSchema>>;
true satisfies Agree<StoredItem, z.infer<typeof StoredItemSchema>>;
true satisfies Agree<VersionDiff, z.infer<typeof DatasetDiffSchema>>;
true satisfies Agree<LineageGraph, z.infer<typeof DatasetLineageSchema>>;
