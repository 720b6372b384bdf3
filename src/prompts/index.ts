// Prompts: versioned templates (text or chat messages) with declared {{variables}}, kinds,
// default parameters and labels with history; strict rendering for the API and the gateway.
export { PromptService, PROMPTS_TOPIC, promptChangeId, type PromptSelector, type CreatePromptInput } from './prompt-service.js';
export {
  PROMPT_KINDS,
  MESSAGE_ROLES,
  PromptDefinitionSchema,
  PromptTemplateSchema,
  PromptVariableSchema,
  PromptExampleSchema,
  PromptMessageSchema,
  PromptParamsSchema,
  checkPromptDefinition,
  type PromptKind,
  type PromptDefinition,
  type PromptDefinitionInput,
  type PromptTemplate,
  type PromptVariable,
  type PromptExample,
  type PromptMessage,
  type PromptParams,
} from './prompt-definition.js';
export { renderMessages, type VariableValues } from './render-prompt.js';
export { templateVariables } from './mustache-template.js';
export type { PromptRecord, PromptVersionRecord, LabelMove, RenderedPrompt } from './prompt-records.js';
