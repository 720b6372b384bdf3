// Serialises an answer through its route's zod response schema (fastify-type-provider-zod's
// encoder). In strict mode an answer that would lose a field the schema does not declare fails
// instead: a contract that forgot a field the domain returns must not drop it silently.
import { createSerializerCompiler } from 'fastify-type-provider-zod';

type SerializerCompiler = ReturnType<typeof createSerializerCompiler>;
type CompileInput = Parameters<SerializerCompiler>[0];

/** Paths present in `sent` (as JSON would carry it) but absent from `kept`, at most `limit`. */
export function droppedPaths(sent: unknown, kept: unknown, limit = 5): string[] {
  const dropped: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (dropped.length >= limit || a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return;
    if (Array.isArray(a)) {
      if (!Array.isArray(b)) return;
      for (const [index, child] of a.entries()) walk(child, b[index], `${path}[${index}]`);
      return;
    }
    const right = b as Record<string, unknown>;
    for (const [key, child] of Object.entries(a as Record<string, unknown>)) {
      if (child === undefined) continue;
      if (!(key in right)) dropped.push(`${path}.${key}`);
      else walk(child, right[key], `${path}.${key}`);
    }
  };
  // What the client would have received without the schema: the JSON form of the answer.
  walk(JSON.parse(JSON.stringify(sent) ?? 'null'), kept, '$');
  return dropped;
}

export class ResponseFieldsDroppedError extends Error {
  constructor(method: string, url: string, paths: string[]) {
    super(`the response schema of ${method} ${url} does not declare ${paths.join(', ')}: the answer would lose them`);
    this.name = 'ResponseFieldsDroppedError';
  }
}

export function responseSerializer(options: { strict: boolean }): SerializerCompiler {
  const plain = createSerializerCompiler({});
  if (!options.strict) return plain;
  return (input: CompileInput) => {
    const serialize = plain(input);
    return (data: unknown) => {
      const json = serialize(data);
      const paths = droppedPaths(data, JSON.parse(json));
      if (paths.length > 0) throw new ResponseFieldsDroppedError(input.method, input.url, paths);
      return json;
    };
  };
}
