// Whether the output is JSON that validates against a JSON Schema (ajv, draft-07 and 2019 keywords).
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import type { EvalMetric } from './eval-metric.js';
import { parseOutputJson } from './json-valid-metric.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/** Compiles (once per distinct schema) or throws ajv's message. */
function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    if (validators.size > 500) validators.clear();
    validators.set(key, validate);
  }
  return validate;
}

export const JsonSchemaConfigSchema = z
  .object({
    schema: z.record(z.string(), z.unknown()),
    allowCodeFence: z.boolean().default(true),
  })
  .superRefine((config, context) => {
    try {
      validatorFor(config.schema);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['schema'],
        message: `the JSON Schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
export type JsonSchemaConfig = z.infer<typeof JsonSchemaConfigSchema>;

export const jsonSchemaMetric: EvalMetric<JsonSchemaConfig> = {
  name: 'json_schema',
  description:
    'Whether the output is JSON valid against the configured JSON Schema; details list the violations. 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: JsonSchemaConfigSchema,
  async score({ output }, config) {
    const parsed = parseOutputJson(output, config.allowCodeFence);
    if (!parsed.ok) return { score: 0, passed: false, details: { reason: `not JSON: ${parsed.message}` } };
    const validate = validatorFor(config.schema);
    if (validate(parsed.value)) return { score: 1, passed: true };
    const violations = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    return { score: 0, passed: false, details: { violations } };
  },
};
