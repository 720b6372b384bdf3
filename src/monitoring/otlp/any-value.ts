// OTLP AnyValue and KeyValue lists → plain attribute values. Both wire formats arrive here as
// objects with lowerCamelCase fields (protobuf decoded with longs and bytes as strings).
import type { AttributeValue, Attributes } from './otlp-span.js';
import { type JsonObject, arrayField, fail, field, objectAt } from './otlp-reader.js';

const MAX_DEPTH = 16;

/** Converts one AnyValue. An empty AnyValue is null. */
export function anyValueToAttribute(value: unknown, path: string, depth = 0): AttributeValue {
  if (depth > MAX_DEPTH) fail(path, `values nest deeper than ${MAX_DEPTH} levels`);
  if (value === undefined || value === null) return null;
  const object = objectAt(value, path);
  const stringValue = field(object, 'stringValue');
  if (stringValue !== undefined && stringValue !== null) {
    if (typeof stringValue !== 'string') fail(`${path}.stringValue`, 'must be a string');
    return stringValue;
  }
  const boolValue = field(object, 'boolValue');
  if (boolValue !== undefined && boolValue !== null) {
    if (typeof boolValue !== 'boolean') fail(`${path}.boolValue`, 'must be a boolean');
    return boolValue;
  }
  const intValue = field(object, 'intValue');
  if (intValue !== undefined && intValue !== null) return int64(intValue, `${path}.intValue`);
  const doubleValue = field(object, 'doubleValue');
  if (doubleValue !== undefined && doubleValue !== null) return double(doubleValue, `${path}.doubleValue`);
  const arrayValue = field(object, 'arrayValue');
  if (arrayValue !== undefined && arrayValue !== null) {
    const array = objectAt(arrayValue, `${path}.arrayValue`);
    return arrayField(array, 'values', `${path}.arrayValue`).map((v, i) => anyValueToAttribute(v, `${path}.arrayValue.values[${i}]`, depth + 1));
  }
  const kvlistValue = field(object, 'kvlistValue');
  if (kvlistValue !== undefined && kvlistValue !== null) {
    const list = objectAt(kvlistValue, `${path}.kvlistValue`);
    return keyValuesToAttributes(arrayField(list, 'values', `${path}.kvlistValue`), `${path}.kvlistValue.values`, depth + 1);
  }
  const bytesValue = field(object, 'bytesValue');
  if (bytesValue !== undefined && bytesValue !== null) {
    if (typeof bytesValue !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(bytesValue)) fail(`${path}.bytesValue`, 'must be a base64 string');
    return bytesValue;
  }
  return null;
}

/** Converts a repeated KeyValue into a record; later duplicates win. */
export function keyValuesToAttributes(list: readonly unknown[], path: string, depth = 0): Attributes {
  const attributes: Attributes = {};
  list.forEach((item, i) => {
    const kv: JsonObject = objectAt(item, `${path}[${i}]`);
    const key = field(kv, 'key');
    if (typeof key !== 'string' || key === '') fail(`${path}[${i}].key`, 'must be a non-empty string');
    attributes[key] = anyValueToAttribute(field(kv, 'value'), `${path}[${i}].value`, depth);
  });
  return attributes;
}

/** Reads `attributes` of a span, resource, scope, event or link. */
export function attributesField(parent: JsonObject, path: string): Attributes {
  return keyValuesToAttributes(arrayField(parent, 'attributes', path), `${path}.attributes`);
}

function int64(value: unknown, path: string): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const big = BigInt(value);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return Number.isSafeInteger(Number(big)) ? Number(big) : big.toString();
  }
  return fail(path, 'must be a 64-bit integer (a decimal string or a safe integer)');
}

function double(value: unknown, path: string): number | string {
  if (typeof value === 'number') return value;
  // proto3 JSON spells non-finite doubles as strings.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return fail(path, 'must be a number');
}
