// The model registry (/api/models): models and their cards, immutable numbered versions (what each
// pins and where it came from), lifecycle stages with gates and approvals, and aliases with history.
import { z } from 'zod';
import {
  ARTIFACT_KINDS,
  ArtifactSpecSchema,
  type AliasMoveEntry,
  type ApprovalRecord,
  type CardLineageEntry,
  type ComposedModelCard,
  type GateOutcome,
  ModelCardSchema as EditedModelCardSchema,
  type ModelRecord,
  type ModelVersionRecord,
  ProviderModelSpecSchema,
  type StageChangeEntry,
  VERSION_STATUSES,
  VersionSourceSchema as RegistryVersionSourceSchema,
  type VersionSpec,
} from '../registry/index.js';
import { ActorRefSchema, type Agree } from './common-contract.js';
import { ModelParamsSchema } from './route-contract.js';

/** The card's text a person edits; the registry refuses other keys. */
export const ModelCardSchema = EditedModelCardSchema.meta({ id: 'ModelCard' });

/** Where a version came from: manual, import, training_job, distillation or quantisation. */
export const VersionSourceSchema = RegistryVersionSourceSchema.meta({ id: 'VersionSource' });

/**
 * What a version pins: a provider's model with fixed request parameters, or builtin weights by
 * content hash with the version they adapt. A training job's output carries the same shape.
 */
export const ModelVersionSpecSchema = z
  .looseObject({
    provider: z.string().describe('A provider name, or builtin for stored weights'),
    model: z.string().optional().describe('The provider’s model; absent for builtin weights'),
    artifact: z.object({ sha256: z.string(), path: z.string(), kind: z.enum(ARTIFACT_KINDS) }).optional().describe('Builtin weights or a LoRA adapter, stored by content hash'),
    base: z.string().optional().describe('The version an adapter adapts'),
    params: ModelParamsSchema.optional().describe('Request parameters the version fixes'),
  })
  .meta({ id: 'ModelVersionSpec' });

/** A spec as registered: the registry's two forms (its checks, strict keys), with the request parameters typed. */
export const VersionSpecBodySchema = z.union([ArtifactSpecSchema.extend({ params: ModelParamsSchema.optional() }), ProviderModelSpecSchema.extend({ params: ModelParamsSchema.optional() })]);

export const ModelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    card: ModelCardSchema,
    gates: z.array(z.string()).describe('Gates a promotion to production must pass'),
    aliases: z.record(z.string(), z.string()).describe('alias → version name'),
    versionCount: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Model' });

export const ModelVersionSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    name: z.string().describe('name-NNN'),
    seq: z.number(),
    description: z.string(),
    spec: ModelVersionSpecSchema,
    source: VersionSourceSchema,
    datasetVersionIds: z.array(z.string()),
    evalRunIds: z.array(z.string()),
    status: z.enum(VERSION_STATUSES),
    deprecatedAt: z.string().nullable(),
    sunsetAt: z.string().nullable(),
    replacement: z.string().nullable(),
    discontinued: z.boolean().describe('Past its sunset date, or retired: the gateway answers 410'),
    aliases: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'ModelVersion' });

/** One gate's result for a version: checked on demand, and recorded with a move to production. */
export const ModelGateOutcomeSchema = z
  .object({ gate: z.string(), passed: z.boolean(), evalRunId: z.string().optional().describe('The evaluation run that decided it'), reason: z.string() })
  .meta({ id: 'ModelGateOutcome' });

export const ModelStageChangeSchema = z
  .object({
    version: z.string(),
    from: z.enum(VERSION_STATUSES).nullable().describe('null: the version was registered'),
    to: z.enum(VERSION_STATUSES),
    at: z.string(),
    actor: ActorRefSchema,
    reason: z.string(),
    evalRunId: z.string().nullable(),
    forced: z.boolean().describe('Moved to production although a gate failed'),
    gates: z.array(ModelGateOutcomeSchema).nullable().describe('The gates checked for a move to production; null for any other move'),
  })
  .meta({ id: 'ModelStageChange' });

export const AliasMoveSchema = z
  .object({
    alias: z.string(),
    from: z.string().nullable().describe('The version it pointed at before; null: the alias was created'),
    to: z.string().nullable().describe('null: the alias was removed'),
    at: z.string(),
    actor: ActorRefSchema,
    reason: z.string(),
    evalRunId: z.string().nullable(),
  })
  .meta({ id: 'ModelAliasMove' });

export const ModelApprovalSchema = z.object({ id: z.string(), version: z.string(), gate: z.string(), at: z.string(), actor: ActorRefSchema, reason: z.string() }).meta({ id: 'ModelApproval' });

export const CardLineageEntrySchema = z
  .object({ version: z.string(), status: z.enum(VERSION_STATUSES), source: VersionSourceSchema, datasetVersionIds: z.array(z.string()), evalRunIds: z.array(z.string()) })
  .meta({ id: 'ModelCardLineageEntry' });

/** The card as shown: the edited text, with training data and evaluation results filled in from the lineage. */
export const ComposedModelCardSchema = EditedModelCardSchema.extend({
  // Filled in from the lineage when nobody wrote them, so not bound by the edited text's limits.
  trainingData: z.string().optional().describe('The edited text, or the dataset versions of the lineage'),
  evaluationResults: z.string().optional().describe('The edited text, or the evaluation runs of the lineage'),
  model: z.string(),
  lineage: z.array(CardLineageEntrySchema),
  datasets: z.array(z.string()).describe('Dataset versions any version was trained or distilled on'),
  evalRuns: z.array(z.string()).describe('Evaluation runs linked to any version'),
}).meta({ id: 'ComposedModelCard' });

const NameListSchema = z.array(z.string().min(1).max(100)).max(50);

export const CreateModelBodySchema = z
  .object({ name: z.string().min(1).max(100), description: z.string().max(2000).optional(), tags: NameListSchema.optional(), card: ModelCardSchema.optional(), gates: NameListSchema.optional().describe('Gates a promotion to production must pass') })
  .strict()
  .meta({ examples: [{ name: 'support', description: 'Answers support questions', tags: ['support'], card: { intendedUse: 'Customer support answers in English', owners: ['support-ml'] }, gates: ['support-quality'] }] });
export const UpdateModelBodySchema = CreateModelBodySchema.omit({ name: true });

export const RegisterVersionBodySchema = z
  .object({
    spec: VersionSpecBodySchema,
    source: VersionSourceSchema.optional().describe('Default manual'),
    description: z.string().max(2000).optional(),
    datasetVersionIds: z.array(z.string().min(1)).max(100).optional(),
    evalRunIds: z.array(z.string().min(1)).max(100).optional(),
    version: z.number().int().positive().optional().describe('The number the version must get (idempotent registration); omit to take the next'),
  })
  .strict()
  .meta({ examples: [{ spec: { provider: 'openai', model: 'gpt-4o-mini', params: { temperature: 0 } }, description: 'gpt-4o-mini, deterministic' }] });

export const ChangeStageBodySchema = z
  .object({ stage: z.enum(VERSION_STATUSES), reason: z.string().max(2000).optional(), evalRunId: z.string().min(1).optional(), force: z.boolean().default(false).describe('Skip failing gates: needs a reason and is audited') })
  .strict();

export const DeprecateBodySchema = z
  .object({
    reason: z.string().min(1).max(2000),
    deprecatedAt: z.iso.datetime({ offset: true }).optional().describe('Default now; the gateway warns from then'),
    sunsetAt: z.iso.datetime({ offset: true }).optional().describe('The gateway answers 410 after it'),
    replacement: z.string().min(1).max(200).optional(),
  })
  .strict();

export const ApproveBodySchema = z.object({ gate: z.string().min(1).max(100), reason: z.string().max(2000).optional() }).strict();
export const LinkEvalRunBodySchema = z.object({ evalRunId: z.string().min(1) }).strict();
export const SetAliasBodySchema = z.object({ version: z.string().min(1).max(120), reason: z.string().max(2000).optional(), evalRunId: z.string().min(1).optional() }).strict();
export const DeleteAliasQuerySchema = z.object({ reason: z.string().max(2000).optional() });

export const ModelNameParamsSchema = z.object({ name: z.string().min(1).max(100) });
export const VersionParamsSchema = ModelNameParamsSchema.extend({ version: z.string().min(1).max(120).describe('name-NNN, a number or an alias') });
export const AliasParamsSchema = ModelNameParamsSchema.extend({ alias: z.string().min(1).max(63) });

// The registry's records and the contract agree both ways: a field added to one side fails the build.
true satisfies Agree<ModelRecord, z.infer<typeof ModelSchema>>;
true satisfies Agree<Omit<ModelVersionRecord, 'spec'>, Omit<z.infer<typeof ModelVersionSchema>, 'spec'>>;
true satisfies Agree<GateOutcome, z.infer<typeof ModelGateOutcomeSchema>>;
true satisfies Agree<StageChangeEntry, z.infer<typeof ModelStageChangeSchema>>;
true satisfies Agree<AliasMoveEntry, z.infer<typeof AliasMoveSchema>>;
true satisfies Agree<ApprovalRecord, z.infer<typeof ModelApprovalSchema>>;
true satisfies Agree<CardLineageEntry, z.infer<typeof CardLineageEntrySchema>>;
true satisfies Agree<ComposedModelCard, z.infer<typeof ComposedModelCardSchema>>;
// The contract's spec is the wider one (a training job's output uses it too): every spec the registry holds fits it.
true satisfies ([VersionSpec] extends [z.infer<typeof ModelVersionSpecSchema>] ? true : false);
