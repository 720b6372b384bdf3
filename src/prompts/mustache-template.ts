// Mustache-style placeholders `{{name}}` (spaces allowed inside the braces): finding the names a
// template uses, and strict substitution where a missing value is an error, never "".
import { StewardError } from '../errors/index.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

/** The variable names a text uses, in order of first use; throws PROMPT_TEMPLATE_INVALID on a malformed placeholder. */
export function templateVariables(text: string, where = 'template'): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!VARIABLE_NAME.test(name)) {
      throw new StewardError({
        code: 'PROMPT_TEMPLATE_INVALID',
        message: `${where}: {{${name}}} is not a variable name (letters, digits, '_' and '.'; sections and partials are not supported)`,
        details: { placeholder: match[0] },
      });
    }
    if (!names.includes(name)) names.push(name);
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new StewardError({ code: 'PROMPT_TEMPLATE_INVALID', message: `${where}: unbalanced {{ or }}` });
  }
  return names;
}

/** Substitutes every placeholder; the caller has checked that every name has a value. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new StewardError({ code: 'PROMPT_VARIABLE_MISSING', message: `variable ${name} has no value`, details: { missing: [name] } });
    return value;
  });
}
