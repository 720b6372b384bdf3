// Safetensors read and write: 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range (plus optional __metadata__), then little-endian data.
import { readFileSync } from 'node:fs';
import { StewardError } from '../../errors/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { fromFloat16Bits, toFloat16Bits } from './float16.js';

export const SAFETENSORS_DTYPES = ['F32', 'F16', 'I8'] as const;
export type SafetensorsDtype = (typeof SAFETENSORS_DTYPES)[number];

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, I8: 1 };
const MAX_HEADER = 100 * 1024 * 1024;

/** One tensor; F16 data is carried as float16 bits in a Uint16Array. */
export interface SafeTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Uint16Array | Int8Array;
}

/** A parsed file: tensors by name, in file order, and the string metadata. */
export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

function corrupt(source: string, what: string): StewardError {
  return new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: ${what}` });
}

/** Serialises tensors to safetensors bytes (header padded with spaces to 8-byte alignment). */
export function encodeSafetensors(tensors: readonly SafeTensor[], metadata: Record<string, string> = {}): Uint8Array[] {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new RangeError(`tensor ${t.name}: shape [${t.shape}] does not match ${t.data.length} values`);
    const bytes = n * BYTES[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((Buffer.byteLength(json) + 8) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(headerBytes.length));
  const parts: Uint8Array[] = [prefix, headerBytes];
  for (const t of tensors) {
    const buf = Buffer.alloc(t.data.length * BYTES[t.dtype]);
    if (t.dtype === 'F32') for (let i = 0; i < t.data.length; i++) buf.writeFloatLE(t.data[i], i * 4);
    else if (t.dtype === 'F16') for (let i = 0; i < t.data.length; i++) buf.writeUInt16LE(t.data[i], i * 2);
    else for (let i = 0; i < t.data.length; i++) buf.writeInt8(t.data[i], i);
    parts.push(buf);
  }
  return parts;
}

/** Writes a safetensors file atomically. */
export function writeSafetensors(path: string, tensors: readonly SafeTensor[], metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/** Parses safetensors bytes; any inconsistency is a MODEL_FILE_CORRUPT error naming the problem. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors'): SafetensorsFile {
  if (bytes.length < 8) throw corrupt(source, `file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER || 8 + headerLen > bytes.length) {
    throw corrupt(source, `header length ${headerLen} exceeds the file size ${bytes.length} (truncated file?)`);
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLen).toString('utf8'));
  } catch (cause) {
    throw corrupt(source, `header is not valid JSON (${(cause as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw corrupt(source, 'header is not a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, SafeTensor>();
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') metadata[k] = v;
      continue;
    }
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e.dtype !== 'string' || !(SAFETENSORS_DTYPES as readonly string[]).includes(e.dtype)) {
      throw corrupt(source, `tensor ${name}: unsupported dtype ${JSON.stringify(e.dtype)} (supported: ${SAFETENSORS_DTYPES.join(', ')})`);
    }
    const dtype = e.dtype as SafetensorsDtype;
    if (!Array.isArray(e.shape) || !e.shape.every((s) => Number.isInteger(s) && s >= 0)) throw corrupt(source, `tensor ${name}: bad shape`);
    const shape = e.shape as number[];
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isInteger(o) && o >= 0) || offs[0] > offs[1]) {
      throw corrupt(source, `tensor ${name}: bad data_offsets`);
    }
    const [begin, end] = offs as [number, number];
    const n = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== n * BYTES[dtype]) throw corrupt(source, `tensor ${name}: ${end - begin} bytes do not hold shape [${shape}] of ${dtype}`);
    if (end > dataLen) throw corrupt(source, `tensor ${name}: data ends at byte ${end} but only ${dataLen} data bytes are present (truncated file?)`);
    const at = dataStart + begin;
    let data: SafeTensor['data'];
    if (dtype === 'F32') {
      data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = view.getFloat32(at + i * 4, true);
    } else if (dtype === 'F16') {
      data = new Uint16Array(n);
      for (let i = 0; i < n; i++) data[i] = view.getUint16(at + i * 2, true);
    } else {
      data = new Int8Array(n);
      for (let i = 0; i < n; i++) data[i] = view.getInt8(at + i);
    }
    tensors.set(name, { name, dtype, shape, data });
  }
  return { tensors, metadata };
}

/** Reads a safetensors file. */
export function readSafetensors(path: string): SafetensorsFile {
  return decodeSafetensors(readFileSync(path), path);
}

/** Float32 values of an F32 or F16 tensor. */
export function tensorToFloat32(t: SafeTensor): Float32Array {
  if (t.dtype === 'F32') return t.data as Float32Array;
  if (t.dtype === 'F16') return Float32Array.from(t.data as Uint16Array, fromFloat16Bits);
  throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `tensor ${t.name} is ${t.dtype}, expected a float tensor` });
}

/** An F16 tensor from float values. */
export function float16Tensor(name: string, shape: number[], values: Float32Array): SafeTensor {
  return { name, dtype: 'F16', shape, data: Uint16Array.from(values, toFloat16Bits) };
}
