import { copyFileSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quantize } from '../quant/quantize.js';
import { makeTinyModel } from '../testing/tiny-model-fixture.js';
import { trainTokenizer } from '../tokenizer/byte-bpe-tokenizer.js';
import { loadModel } from './adapter-files.js';
import { loadModelFiles } from './model-files.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTinyModel(20);
});

const variant = (name: string) => {
  const d = join(dirname(dir), name);
  cpSync(dir, d, { recursive: true });
  return d;
};

describe('model files', () => {
  it('refuses a tokenizer that does not match the weights, naming both', () => {
    const other = variant('other-tokenizer');
    writeFileSync(join(other, 'tokenizer.json'), JSON.stringify(trainTokenizer('completely different words here '.repeat(30), 280).toJSON()));
    expect(() => loadModelFiles(other)).toThrow(expect.objectContaining({ code: 'TOKENIZER_MISMATCH', message: expect.stringMatching(/not the tokenizer these weights were trained with/) }));
  });

  it('names a truncated or missing weights file', () => {
    const truncated = variant('truncated');
    const bytes = readFileSync(join(truncated, 'model.safetensors'));
    writeFileSync(join(truncated, 'model.safetensors'), bytes.subarray(0, bytes.length >> 1));
    expect(() => loadModelFiles(truncated)).toThrow(expect.objectContaining({ code: 'MODEL_FILE_CORRUPT', message: expect.stringMatching(/truncated/) }));
    const missing = variant('missing');
    copyFileSync(join(missing, 'config.json'), join(missing, 'config.json.bak'));
    writeFileSync(join(missing, 'config.json'), '{ not json');
    expect(() => loadModelFiles(missing)).toThrow(expect.objectContaining({ code: 'MODEL_FILE_CORRUPT' }));
  });

  it('quantises to int8 with per-channel scales: smaller file, small perplexity change', async () => {
    const out = join(dirname(dir), 'int8');
    const report = await quantize({ modelDir: dir, outDir: out });
    expect(report.bytesInt8).toBeLessThan(report.bytesF32 / 2);
    expect(Math.abs(report.perplexityChange)).toBeLessThan(0.02);
    expect(report.tokensPerSecondInt8).toBeGreaterThan(0);
    const q = loadModel(out);
    expect(q.meta.dtype).toBe('I8');
    expect(q.quantized?.size).toBeGreaterThan(0);
    expect(statSync(join(out, 'model.safetensors')).size).toBe(report.bytesInt8);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
