// Prompts (/api/prompts): versioned templates (text or chat messages) with declared variables,
// few-shot examples and default model parameters, labels with their history, and rendering.
import { z } from 'zod';
import {
  type LabelMove,
  MESSAGE_ROLES,
  PROMPT_KINDS,
  PromptDefinitionSchema,
  PromptExampleSchema as PromptExampleFields,
  type PromptParams,
  type PromptRecord,
  PromptTemplateSchema as PromptTemplateFields,
  type PromptVariable,
  PromptVariableSchema as PromptVariableFields,
  type PromptVersionRecord,
  type RenderedPrompt,
} from '../prompts/index.js';
import { ActorRefSchema, type Agree } from './common-contract.js';
import { ModelParamsSchema } from './route-contract.js';
import { ScalarSchema } from './json-contract.js';

export const PromptTemplateSchema = PromptTemplateFields.meta({ id: 'PromptTemplate', description: 'A text (sent as one user message) or chat messages; every {{name}} placeholder must be declared in variables' });
export const PromptVariableSchema = PromptVariableFields.meta({ id: 'PromptVariable' });
export const PromptExampleSchema = PromptExampleFields.meta({ id: 'PromptExample', description: 'A few-shot example: sent as a user turn and an assistant turn' });

export const PromptSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    labels: z.record(z.string(), z.number()).describe('label → version number'),
    latestVersion: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Prompt' });

export const PromptVersionSchema = z
  .object({
    id: z.string(),
    prompt: z.string(),
    version: z.number(),
    kind: z.enum(PROMPT_KINDS),
    template: PromptTemplateSchema,
    variables: z.array(PromptVariableSchema),
    examples: z.array(PromptExampleSchema),
    params: ModelParamsSchema,
    model: z.string().nullable(),
    message: z.string(),
    labels: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'PromptVersion' });

export const PromptLabelMoveSchema = z
  .object({ label: z.string(), from: z.number().nullable(), to: z.number().nullable(), at: z.string(), actor: ActorRefSchema, reason: z.string() })
  .meta({ id: 'PromptLabelMove' });

export const RenderedPromptSchema = z
  .object({
    prompt: z.string(),
    version: z.number(),
    versionId: z.string(),
    label: z.string().nullable(),
    messages: z.array(z.object({ role: z.enum(MESSAGE_ROLES), content: z.string() })),
    params: ModelParamsSchema,
    model: z.string().nullable(),
  })
  .meta({ id: 'RenderedPrompt' });

// Requests: the definition is the service's (its zod schema, then the declared-variable check, so
// the prompt error codes stay), with the named components in place of its parts.

const DefinitionBodySchema = PromptDefinitionSchema.extend({
  template: PromptTemplateSchema,
  variables: z.array(PromptVariableSchema).max(100).default([]),
  examples: z.array(PromptExampleSchema).max(100).default([]),
  params: ModelParamsSchema.default({}),
  labels: z.array(z.string()).max(20).optional().describe('Labels to point at the new version'),
});

export const CreatePromptBodySchema = DefinitionBodySchema.extend({ name: z.string().min(1).max(100), description: z.string().max(2000).optional() })
  .strict()
  .meta({ examples: [{ name: 'support-reply', template: { messages: [{ role: 'system', content: 'You are a support agent.' }, { role: 'user', content: '{{question}}' }] }, variables: [{ name: 'question' }], params: { temperature: 0.2 }, labels: ['production'] }] });
export const AddPromptVersionBodySchema = DefinitionBodySchema.strict();

export const PromptNameParamsSchema = z.object({ name: z.string().min(1).max(100) });
export const PromptVersionParamsSchema = PromptNameParamsSchema.extend({ version: z.coerce.number().int().positive() });
export const PromptLabelParamsSchema = PromptNameParamsSchema.extend({ label: z.string().min(1).max(63) });
export const SetLabelBodySchema = z.object({ version: z.number().int().positive(), reason: z.string().max(2000).optional() }).strict();
export const RenderBodySchema = z
  .object({
    variables: z.record(z.string(), ScalarSchema).default({}),
    version: z.number().int().positive().optional(),
    label: z.string().min(1).max(63).optional(),
  })
  .strict();

// The contract and the domain describe the same answers: each must accept the other.
true satisfies Agree<z.infer<typeof PromptSchema>, PromptRecord>;
true satisfies Agree<z.infer<typeof PromptVersionSchema>, PromptVersionRecord>;
true satisfies Agree<z.infer<typeof PromptLabelMoveSchema>, LabelMove>;
true satisfies Agree<z.infer<typeof RenderedPromptSchema>, RenderedPrompt>;
true satisfies Agree<z.infer<typeof ModelParamsSchema>, PromptParams>;
true satisfies Agree<z.infer<typeof PromptVariableSchema>, PromptVariable>;
