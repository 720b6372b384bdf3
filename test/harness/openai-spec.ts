// OpenAI's official OpenAPI document (../shared/specs/openai-openapi.yaml) as JSON Schema validators:
// a test names a component (`CreateChatCompletionResponse`) and gets the list of violations.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const SPEC_PATHS = ['../../../shared/specs/openai-openapi.yaml', '../../../../shared/specs/openai-openapi.yaml'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

/** Where the document is: beside the repository (sessions) or beside its clone (CI); undefined when absent. */
export const OPENAI_SPEC_PATH = SPEC_PATHS.find((p) => existsSync(p));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** OpenAPI 3.0 leftovers in the document: `nullable: true` means "or null" in JSON Schema 2020-12. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator' || key === '$recursiveAnchor' || key === '$recursiveRef' || key.startsWith('x-')) continue;
    // OpenAPI 3.0's boolean form: `minimum: 0, exclusiveMinimum: true`.
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? node.minimum : node.maximum;
      if (value && typeof bound === 'number') out[key] = bound;
      continue;
    }
    if (key === 'required' && Array.isArray(value)) {
      out.required = [...new Set(value)];
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'openai#/$defs/');
      continue;
    }
    out[key] = toJsonSchema(value);
  }
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorOf(component: string): ValidateFunction {
  if (!OPENAI_SPEC_PATH) throw new Error('the OpenAI OpenAPI document is not beside the repository');
  if (!ajv) {
    const document = parse(readFileSync(OPENAI_SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as { components: { schemas: { [name: string]: Json } } };
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'openai', $defs: toJsonSchema(document.components.schemas) as { [name: string]: Json } });
  }
  let validate = compiled.get(component);
  if (!validate) {
    validate = ajv.compile({ $ref: `openai#/$defs/${component}` });
    compiled.set(component, validate);
  }
  return validate;
}

/** The violations of `value` against the named component schema; empty when it conforms. */
export function specViolations(component: string, value: unknown): string[] {
  const validate = validatorOf(component);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
