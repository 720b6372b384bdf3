// JSON Schema → Gemini's Schema (an OpenAPI 3.0 subset): unknown keywords such as `$schema` or
// `additionalProperties` make Gemini answer 400, so only the keywords it knows are kept.

const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'default',
  'example',
  'propertyOrdering',
]);

/** Gemini's schema for a JSON Schema: `["string","null"]` becomes `nullable`, `const` a one-value `enum`. */
export function toGeminiSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (KEPT.has(key)) out[key] = value;
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    if (types.length < schema.type.length) out.nullable = true;
    out.type = types[0];
  }
  if (schema.const !== undefined) out.enum = [schema.const];
  if (isRecord(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, value]) => [name, isRecord(value) ? toGeminiSchema(value) : value]),
    );
  }
  if (isRecord(schema.items)) out.items = toGeminiSchema(schema.items);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const kept = options.filter(isRecord).filter((option) => option.type !== 'null');
      if (kept.length < options.length) out.nullable = true;
      if (kept.length === 1) Object.assign(out, toGeminiSchema(kept[0]));
      else out.anyOf = kept.map(toGeminiSchema);
    }
  }
  if (typeof out.type === 'string') out.type = out.type.toUpperCase();
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
