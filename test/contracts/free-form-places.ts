// Finds the places of an OpenAPI document where a body accepts any JSON: a schema with no type, or
// an object with neither properties nor typed additional properties. A place is named by the
// component (or the operation) it sits in and its property path, e.g. `Trace.request`.

export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  not?: JsonSchema;
}

export interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const COMPONENT = '#/components/schemas/';

function isAnything(schema: JsonSchema): boolean {
  return schema.type === undefined && schema.$ref === undefined && !schema.anyOf && !schema.oneOf && !schema.allOf && schema.enum === undefined && schema.const === undefined && schema.not === undefined;
}

function isFreeObject(schema: JsonSchema): boolean {
  if (schema.type !== 'object' || schema.properties) return false;
  const extra = schema.additionalProperties;
  return extra === undefined || extra === true || (typeof extra === 'object' && isAnything(extra));
}

/**
 * Every free-form place reachable from the bodies of the operations whose path passes `include`,
 * mapped to the operations that reach it.
 */
export function freeFormPlaces(doc: OpenApiDocument, include: (path: string) => boolean): Map<string, string[]> {
  const places = new Map<string, string[]>();
  const visited = new Set<string>();
  const note = (place: string, operation: string) => {
    const list = places.get(place) ?? [];
    if (!list.includes(operation)) list.push(operation);
    places.set(place, list);
  };
  const walk = (schema: JsonSchema | undefined, place: string, operation: string): void => {
    if (!schema) return;
    if (schema.$ref) {
      const name = schema.$ref.slice(COMPONENT.length);
      // The two free-form components: the place that refers to them is the free-form one.
      if (name === 'JsonValue' || name === 'Metadata' || name === 'JsonValueInput' || name === 'MetadataInput') {
        note(place, operation);
        return;
      }
      const key = `${name}@${operation}`;
      if (visited.has(key)) return;
      visited.add(key);
      walk(doc.components.schemas[name], name.replace(/Input$/, ''), operation);
      return;
    }
    if (isAnything(schema) || isFreeObject(schema)) {
      note(place, operation);
      return;
    }
    for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${place}.${name}`, operation);
    // An object with typed properties that passes other keys on (for the service to judge) is typed.
    if (typeof schema.additionalProperties === 'object' && !isAnything(schema.additionalProperties)) walk(schema.additionalProperties, `${place}.*`, operation);
    if (schema.items) walk(schema.items, `${place}[]`, operation);
    for (const child of schema.prefixItems ?? []) walk(child, `${place}[]`, operation);
    for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(child, place, operation);
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!include(path)) continue;
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const content of Object.values(operation.requestBody?.content ?? {})) walk(content.schema, `${name} body`, name);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const content of Object.values(response.content ?? {})) walk(content.schema, `${name} ${status}`, name);
      }
    }
  }
  return places;
}
