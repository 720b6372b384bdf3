// Path-aware readers over an untrusted OTLP request object: every failure names the exact place
// (`resourceSpans[0].scopeSpans[1].spans[2].traceId`) so a client can fix its exporter.
import { invalid } from '../../errors/index.js';

export type JsonObject = { [key: string]: unknown };

/** Throws VALIDATION_FAILED for the OTLP payload at `path`. */
export function fail(path: string, message: string): never {
  throw invalid(`invalid OTLP trace payload: ${path ? `${path}: ` : ''}${message}`, { path });
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Reads a field by its lowerCamelCase OTLP/JSON name, accepting the proto snake_case name too. */
export function field(object: JsonObject, name: string): unknown {
  const value = object[name];
  return value === undefined ? object[snakeCase(name)] : value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) fail(path, 'must be an object');
  return value;
}

/** An optional object field: undefined/null → undefined. */
export function optionalObject(parent: JsonObject, name: string, path: string): JsonObject | undefined {
  const value = field(parent, name);
  return value === undefined || value === null ? undefined : objectAt(value, `${path}.${name}`);
}

/** A repeated field: missing → []. */
export function arrayField(parent: JsonObject, name: string, path: string): unknown[] {
  const value = field(parent, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${path}.${name}`, 'must be an array');
  return value;
}

export function stringField(parent: JsonObject, name: string, path: string): string {
  const value = field(parent, name);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(`${path}.${name}`, 'must be a string');
  return value;
}

/** A uint64 (fixed64) as a decimal string; JSON may carry it as a string or a number. */
export function uint64Field(parent: JsonObject, name: string, path: string): string {
  const value = field(parent, name);
  if (value === undefined || value === null) return '0';
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value) && BigInt(value) < 2n ** 64n) return BigInt(value).toString();
  return fail(`${path}.${name}`, 'must be an unsigned 64-bit integer (a decimal string or number)');
}

/** An enum field: an integer, or its proto name (OTLP/JSON requires integers; names are tolerated). */
export function enumField(parent: JsonObject, name: string, path: string, names: readonly string[]): number {
  const value = field(parent, name);
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length) return value;
  if (typeof value === 'string' && names.includes(value)) return names.indexOf(value);
  return fail(`${path}.${name}`, `must be one of 0..${names.length - 1} (${names.join(', ')})`);
}
