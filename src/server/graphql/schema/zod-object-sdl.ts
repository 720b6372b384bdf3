// A GraphQL object type derived from a zod object (or a discriminated union of objects, merged into
// one type keyed by its discriminator), so a shape the domain declares in zod is not declared again.
import { z } from 'zod';

interface JsonSchemaNode {
  type?: string | string[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  description?: string;
}

/** The GraphQL type of one property; anything that is not a plain scalar or list of them is JSON. */
function fieldType(node: JsonSchemaNode): string {
  const type = node.type;
  if (type === 'string') return 'String';
  if (type === 'integer') return 'Int';
  if (type === 'number') return 'Float';
  if (type === 'boolean') return 'Boolean';
  if (type === 'array' && node.items) {
    const item = fieldType(node.items);
    return item === 'JSON' ? 'JSON' : `[${item}!]`;
  }
  return 'JSON';
}

/**
 * SDL of `type <name> { … }` from a zod schema. A field is non-null when every variant requires it;
 * the field list is the union of the variants' fields. `types` names the GraphQL type of fields
 * that have one of their own (a nested object type, an enum), nullability included.
 * @example zodObjectSdl('ItemProvenance', ProvenanceSchema)
 */
export function zodObjectSdl(name: string, schema: z.ZodType, description?: string, types: Record<string, string> = {}): string {
  const root = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchemaNode;
  const variants = root.oneOf ?? root.anyOf ?? [root];
  const fields = new Map<string, { type: string; required: boolean; description?: string }>();
  for (const variant of variants) {
    for (const [key, node] of Object.entries(variant.properties ?? {})) {
      const required = (variant.required ?? []).includes(key);
      const known = fields.get(key);
      if (known) known.required &&= required;
      else fields.set(key, { type: fieldType(node), required, description: node.description });
    }
  }
  // A field a variant lacks is absent in that variant: it can only be nullable.
  for (const [key, field] of fields) if (variants.some((v) => !(key in (v.properties ?? {})))) field.required = false;
  const lines = [...fields].map(([key, f]) => `${f.description ? `  ${JSON.stringify(f.description)}\n` : ''}  ${key}: ${types[key] ?? `${f.type}${f.required ? '!' : ''}`}`);
  return `${description ? `${JSON.stringify(description)}\n` : ''}type ${name} {\n${lines.join('\n')}\n}\n`;
}
