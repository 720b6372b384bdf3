// Declarative configuration (/api/apply and /api/export): the steward.yaml document — models with
// their versions, stages and aliases, prompts with every version and label, routes, gates,
// pipelines and use cases — and the plan of what applying one would change.
import { z } from 'zod';
import { PLAN_ACTIONS } from '../declarative/index.js';
import { DeclaredGateSchema } from '../declarative/declarative-document.js';
import { DeclaredPipelineSchema } from '../pipelines/index.js';
import { PROMPT_KINDS } from '../prompts/index.js';
import { VERSION_STATUSES } from '../registry/index.js';
import { UseCaseSchema } from '../usecases/index.js';
import { ModelCardSchema, ModelVersionSpecSchema, VersionSourceSchema } from './model-contract.js';
import { PipelineDefinitionSchema } from './pipeline-contract.js';
import { PromptExampleSchema, PromptTemplateSchema, PromptVariableSchema } from './prompt-contract.js';
import { ProviderBodySchema } from './provider-contract.js';
import { ModelParamsSchema, RouteConfigSchema } from './route-contract.js';

export const ExportedVersionSchema = z
  .object({
    version: z.number().describe('The number the version pins (name-NNN)'),
    spec: ModelVersionSpecSchema,
    source: VersionSourceSchema,
    description: z.string().optional(),
    datasetVersionIds: z.array(z.string()).optional(),
    stage: z.enum(VERSION_STATUSES).optional().describe('Absent: candidate'),
    history: z.array(z.object({ stage: z.enum(VERSION_STATUSES), reason: z.string() })).optional().describe('Lifecycle moves after registration, oldest first'),
    deprecatedAt: z.string().optional(),
    sunsetAt: z.string().optional(),
    replacement: z.string().optional(),
  })
  .meta({ id: 'DeclaredModelVersion' });

export const ExportedModelSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    card: ModelCardSchema,
    gates: z.array(z.string()),
    versions: z.array(ExportedVersionSchema),
    aliases: z.record(z.string(), z.union([z.string(), z.number()])).describe('alias → version name or number (latest is automatic)'),
  })
  .meta({ id: 'DeclaredModel' });

const PromptDefinitionFields = {
  kind: z.enum(PROMPT_KINDS),
  template: PromptTemplateSchema,
  variables: z.array(PromptVariableSchema),
  examples: z.array(PromptExampleSchema),
  params: ModelParamsSchema,
  model: z.string().optional(),
};

export const ExportedPromptSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    ...PromptDefinitionFields,
    labels: z.union([z.array(z.string()), z.record(z.string(), z.number())]).describe('Labels on the latest version (a list), or label → version number'),
    history: z.array(z.object(PromptDefinitionFields)).optional().describe('Every earlier version, oldest first'),
  })
  .meta({ id: 'DeclaredPrompt' });

export const DeclaredGateContractSchema = DeclaredGateSchema.meta({ id: 'DeclaredGate' });

export const DeclaredPipelineContractSchema = DeclaredPipelineSchema.extend({ definition: PipelineDefinitionSchema }).meta({ id: 'DeclaredPipeline' });

export const DeclarativeDocumentSchema = z
  .object({
    models: z.array(ExportedModelSchema),
    prompts: z.array(ExportedPromptSchema),
    routes: z.array(RouteConfigSchema),
    gates: z.array(DeclaredGateContractSchema),
    providers: z.array(ProviderBodySchema).max(0).describe('Always empty: providers are configured in steward.yaml or through /api/providers, and their keys are never exported'),
    pipelines: z.array(DeclaredPipelineContractSchema),
    useCases: z.array(UseCaseSchema),
  })
  .meta({ id: 'DeclarativeDocument', description: 'The steward.yaml resource sections, as GET /api/export writes them and POST /api/apply reads them' });

export const PlanEntrySchema = z.object({ kind: z.string(), name: z.string(), action: z.enum(PLAN_ACTIONS), detail: z.string().optional() }).meta({ id: 'PlanEntry' });

export const ApplyResultSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    plan: z.array(PlanEntrySchema),
    summary: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), skipped: z.number() }),
  })
  .meta({ id: 'ApplyResult' });

export const ApplyBodySchema = z
  .object({
    // The document as written: `x-` annotations anywhere, and every section checked by the service,
    // whose DECLARATIVE_INVALID names each bad field (and the closest section name for a misspelt one).
    document: z.record(z.string(), z.unknown()).describe('A DeclarativeDocument (the shape GET /api/export answers with); x- keys are annotations'),
    dryRun: z.boolean().default(false),
  })
  .strict();
