// Rendering one prompt version to chat messages, strictly: every variable the template uses must
// have a value (given, or the declared default). Few-shot examples become user/assistant turns
// after the leading system messages.
import { StewardError } from '../errors/index.js';
import { substitute, templateVariables } from './mustache-template.js';
import { type PromptDefinition, type PromptMessage, templateTexts } from './prompt-definition.js';

/** Values callers may pass: strings, or numbers and booleans (written as text). */
export type VariableValues = Readonly<Record<string, string | number | boolean>>;

export function renderMessages(definition: PromptDefinition, variables: VariableValues): PromptMessage[] {
  const values = new Map<string, string>();
  for (const v of definition.variables) if (v.default !== undefined) values.set(v.name, v.default);
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new StewardError({ code: 'VALIDATION_FAILED', message: `variable ${name} must be a string, number or boolean` });
    }
    values.set(name, String(value));
  }
  const used = new Set(templateTexts(definition.template).flatMap(({ text }) => templateVariables(text)));
  const missing = [...used].filter((name) => !values.has(name));
  if (missing.length > 0) {
    throw new StewardError({
      code: 'PROMPT_VARIABLE_MISSING',
      message: `missing value${missing.length === 1 ? '' : 's'} for ${missing.join(', ')}`,
      details: { missing },
    });
  }
  const template = definition.template;
  const messages: PromptMessage[] =
    'text' in template ? [{ role: 'user', content: substitute(template.text, values) }] : template.messages.map((m) => ({ role: m.role, content: substitute(m.content, values) }));
  if (definition.examples.length === 0) return messages;
  const leading = messages.findIndex((m) => m.role !== 'system');
  const at = leading === -1 ? messages.length : leading;
  const shots = definition.examples.flatMap((e): PromptMessage[] => [
    { role: 'user', content: e.input },
    { role: 'assistant', content: e.output },
  ]);
  return [...messages.slice(0, at), ...shots, ...messages.slice(at)];
}
