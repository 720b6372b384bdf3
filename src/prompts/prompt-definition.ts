// What a prompt version holds: a text or chat-message template, its declared variables, a kind
// (instruction, few-shot with examples, zero-shot), default model parameters and model.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';
import { VARIABLE_NAME, templateVariables } from './mustache-template.js';

export const PROMPT_KINDS = ['instruction', 'few_shot', 'zero_shot'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;

export const PromptMessageSchema = z.object({ role: z.enum(MESSAGE_ROLES), content: z.string().max(100_000) }).strict();
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

export const PromptTemplateSchema = z.union([
  z.object({ text: z.string().min(1).max(100_000) }).strict(),
  z.object({ messages: z.array(PromptMessageSchema).min(1).max(100) }).strict(),
]);
export type PromptTemplate = z.infer<typeof PromptTemplateSchema>;

export const PromptVariableSchema = z
  .object({
    name: z.string().regex(VARIABLE_NAME, 'letters, digits, _ and ., starting with a letter or _'),
    description: z.string().max(1000).optional(),
    /** Used when the caller gives no value; without it a missing value is an error. */
    default: z.string().max(100_000).optional(),
  })
  .strict();
export type PromptVariable = z.infer<typeof PromptVariableSchema>;

export const PromptExampleSchema = z.object({ input: z.string().min(1).max(20_000), output: z.string().min(1).max(20_000) }).strict();
export type PromptExample = z.infer<typeof PromptExampleSchema>;

/**
 * Default model request parameters a prompt fixes (a caller's own win): the known ones typed, other
 * keys passed to the upstream as given.
 */
export const PromptParamsSchema = z.looseObject({
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  max_tokens: z.number().optional(),
  seed: z.number().optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
});
export type PromptParams = z.infer<typeof PromptParamsSchema>;

export const PromptDefinitionSchema = z
  .object({
    kind: z.enum(PROMPT_KINDS).default('instruction'),
    template: PromptTemplateSchema,
    variables: z.array(PromptVariableSchema).max(100).default([]),
    examples: z.array(PromptExampleSchema).max(100).default([]),
    /** Default model parameters (temperature, max_tokens, …) a caller may override. */
    params: PromptParamsSchema.default({}),
    /** The model (registry reference or provider/model) this prompt is meant for. */
    model: z.string().min(1).max(300).optional(),
    /** What changed in this version. */
    message: z.string().max(2000).optional(),
  })
  .strict();
export type PromptDefinition = z.infer<typeof PromptDefinitionSchema>;
export type PromptDefinitionInput = z.input<typeof PromptDefinitionSchema>;

/** The texts of a template with where each one is, for error messages. */
export function templateTexts(template: PromptTemplate): { where: string; text: string }[] {
  if ('text' in template) return [{ where: 'template.text', text: template.text }];
  return template.messages.map((m, i) => ({ where: `template.messages.${i}.content`, text: m.content }));
}

/**
 * Checks what zod cannot: every placeholder is declared, names are unique, and the kind fits the
 * examples. Throws PROMPT_UNDECLARED_VARIABLE or PROMPT_TEMPLATE_INVALID.
 */
export function checkPromptDefinition(definition: PromptDefinition): void {
  const declared = new Set<string>();
  for (const variable of definition.variables) {
    if (declared.has(variable.name)) throw new StewardError({ code: 'PROMPT_TEMPLATE_INVALID', message: `variable ${variable.name} is declared twice` });
    declared.add(variable.name);
  }
  const undeclared = new Set<string>();
  for (const { where, text } of templateTexts(definition.template)) {
    for (const name of templateVariables(text, where)) if (!declared.has(name)) undeclared.add(name);
  }
  if (undeclared.size > 0) {
    const names = [...undeclared];
    throw new StewardError({
      code: 'PROMPT_UNDECLARED_VARIABLE',
      message: `the template uses ${names.map((n) => `{{${n}}}`).join(', ')} but does not declare ${names.length === 1 ? 'it' : 'them'} in variables`,
      details: { undeclared: names, declared: [...declared] },
    });
  }
  if (definition.kind === 'few_shot' && definition.examples.length === 0) {
    throw new StewardError({ code: 'PROMPT_TEMPLATE_INVALID', message: 'a few_shot prompt needs at least one example' });
  }
  if (definition.kind !== 'few_shot' && definition.examples.length > 0) {
    throw new StewardError({ code: 'PROMPT_TEMPLATE_INVALID', message: `a ${definition.kind} prompt takes no examples; use kind few_shot` });
  }
}
