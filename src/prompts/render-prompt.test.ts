import { describe, expect, it } from 'vitest';
import { StewardError } from '../errors/index.js';
import { PromptDefinitionSchema, checkPromptDefinition } from './prompt-definition.js';
import { renderMessages } from './render-prompt.js';

const define = (input: unknown) => {
  const parsed = PromptDefinitionSchema.parse(input);
  checkPromptDefinition(parsed);
  return parsed;
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StewardError ? error.code : 'not a StewardError';
  }
  return undefined;
}

describe('prompt rendering', () => {
  it('renders a text template to one user message', () => {
    const d = define({ template: { text: 'Hello {{ name }}, you owe {{amount}}.' }, variables: [{ name: 'name' }, { name: 'amount' }] });
    expect(renderMessages(d, { name: 'Ada', amount: 3 })).toEqual([{ role: 'user', content: 'Hello Ada, you owe 3.' }]);
  });

  it('is strict: a missing variable is an error, never an empty string; defaults count as values', () => {
    const d = define({ template: { text: '{{a}} and {{b}}' }, variables: [{ name: 'a' }, { name: 'b', default: 'B' }] });
    expect(codeOf(() => renderMessages(d, {}))).toBe('PROMPT_VARIABLE_MISSING');
    expect(renderMessages(d, { a: '' })).toEqual([{ role: 'user', content: ' and B' }]);
  });

  it('rejects undeclared variables and malformed placeholders at definition time', () => {
    expect(codeOf(() => define({ template: { text: 'Hi {{who}}' } }))).toBe('PROMPT_UNDECLARED_VARIABLE');
    expect(codeOf(() => define({ template: { messages: [{ role: 'system', content: '{{#list}}x{{/list}}' }] } }))).toBe('PROMPT_TEMPLATE_INVALID');
    expect(codeOf(() => define({ template: { text: 'Hi {{who' }, variables: [{ name: 'who' }] }))).toBe('PROMPT_TEMPLATE_INVALID');
    expect(codeOf(() => define({ kind: 'few_shot', template: { text: 'x' } }))).toBe('PROMPT_TEMPLATE_INVALID');
  });

  it('puts few-shot examples after the system messages as user/assistant turns', () => {
    const d = define({
      kind: 'few_shot',
      template: { messages: [{ role: 'system', content: 'Classify sentiment.' }, { role: 'user', content: '{{text}}' }] },
      variables: [{ name: 'text' }],
      examples: [{ input: 'I love it', output: 'positive' }],
    });
    expect(renderMessages(d, { text: 'meh' }).map((m) => `${m.role}:${m.content}`)).toEqual(['system:Classify sentiment.', 'user:I love it', 'assistant:positive', 'user:meh']);
  });
});
