import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { float16Tensor, readSafetensors, tensorToFloat32, writeSafetensors } from './safetensors.js';

/** An independent reader written from the format description, sharing no code with the module. */
function parseBySpec(bytes: Buffer) {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const base = 8 + n;
  const out: Record<string, { dtype: string; shape: number[]; values: number[] }> = {};
  for (const [name, info] of Object.entries<{ dtype: string; shape: number[]; data_offsets: [number, number] }>(header)) {
    if (name === '__metadata__') continue;
    const [b, e] = info.data_offsets;
    const chunk = bytes.subarray(base + b, base + e);
    const values: number[] = [];
    if (info.dtype === 'F32') for (let i = 0; i < chunk.length; i += 4) values.push(chunk.readFloatLE(i));
    if (info.dtype === 'I8') for (let i = 0; i < chunk.length; i++) values.push(chunk.readInt8(i));
    if (info.dtype === 'F16') {
      for (let i = 0; i < chunk.length; i += 2) {
        const h = chunk.readUInt16LE(i);
        const s = h & 0x8000 ? -1 : 1;
        const ex = (h >> 10) & 31;
        const m = h & 1023;
        values.push(ex === 0 ? s * m * 2 ** -24 : s * (1 + m / 1024) * 2 ** (ex - 15));
      }
    }
    out[name] = { dtype: info.dtype, shape: info.shape, values };
  }
  return { header, out, n };
}

describe('safetensors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-'));
  const f32 = Float32Array.from([1.5, -2.25, 3e-3, 1e6, 0, -0.5]);
  const i8 = Int8Array.from([-127, -1, 0, 1, 64, 127]);
  const half = Float32Array.from([0.1, -65504, 1 / 3, 6e-5]);

  it('writes files an independent spec reader understands, and reads them back', () => {
    const path = join(dir, 'a.safetensors');
    writeSafetensors(path, [
      { name: 'w', dtype: 'F32', shape: [2, 3], data: f32 },
      { name: 'q', dtype: 'I8', shape: [3, 2], data: i8 },
      float16Tensor('h', [4], half),
    ], { format: 'pt', note: 'test' });
    const bytes = readFileSync(path);
    const spec = parseBySpec(bytes);
    expect((8 + spec.n) % 8).toBe(0);
    expect(spec.header.__metadata__).toEqual({ format: 'pt', note: 'test' });
    expect(spec.out.w.shape).toEqual([2, 3]);
    expect(spec.out.w.values).toEqual(Array.from(f32));
    expect(spec.out.q).toEqual({ dtype: 'I8', shape: [3, 2], values: Array.from(i8) });
    spec.out.h.values.forEach((v, i) => {
      expect(Math.abs(v - half[i])).toBeLessThanOrEqual(Math.abs(half[i]) * 1e-3);
    });
    const back = readSafetensors(path);
    expect(back.metadata.note).toBe('test');
    expect(Array.from(tensorToFloat32(back.tensors.get('w')!))).toEqual(Array.from(f32));
    expect(Array.from(back.tensors.get('q')!.data)).toEqual(Array.from(i8));
    expect(Array.from(tensorToFloat32(back.tensors.get('h')!))).toEqual(spec.out.h.values);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the problem in truncated and corrupt files', () => {
    const good = readFileSync(join(dir, 'a.safetensors'));
    const truncated = join(dir, 't.safetensors');
    writeFileSync(truncated, good.subarray(0, good.length - 5));
    expect(() => readSafetensors(truncated)).toThrow(/truncated/);
    writeFileSync(truncated, good.subarray(0, 4));
    expect(() => readSafetensors(truncated)).toThrow(/shorter than the 8-byte header/);
    const badJson = Buffer.from(good);
    badJson[9] = 0x7b; // '{{' breaks the JSON
    writeFileSync(truncated, badJson);
    expect(() => readSafetensors(truncated)).toThrow(/not valid JSON/);
    const huge = Buffer.from(good);
    huge.writeBigUInt64LE(10n ** 12n, 0);
    writeFileSync(truncated, huge);
    expect(() => readSafetensors(truncated)).toThrow(/MODEL_FILE_CORRUPT|exceeds the file size/);
  });
});
