// A builtin model on disk: config.json (architecture, tokenizer hash, provenance), tokenizer.json
// and model.safetensors (F32, F16, or I8 with per-row F32 scales). Loading checks that the three agree.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StewardError } from '../../errors/index.js';
import { type ModelConfig, validateModelConfig } from '../config/model-config.js';
import { layoutSize, parameterLayout, sharedFloats } from '../nn/parameters.js';
import { ByteBpeTokenizer } from '../tokenizer/byte-bpe-tokenizer.js';
import type { SamplingOptions } from '../inference/sampler.js';
import { writeFileAtomic } from './atomic-write.js';
import { float16Tensor, readSafetensors, type SafeTensor, tensorToFloat32, writeSafetensors } from './safetensors.js';

export const WEIGHT_DTYPES = ['F32', 'F16', 'I8'] as const;
export type WeightDtype = (typeof WEIGHT_DTYPES)[number];

/** What config.json records besides the architecture. */
export interface ModelMeta {
  name: string;
  description?: string;
  /** How the weights are stored: I8 means symmetric per-output-channel int8 with F32 scales. */
  dtype: WeightDtype;
  /** Free-form provenance: recipe, base model, training job, data, metrics. */
  training?: Record<string, unknown>;
  /** Sampling settings a request that leaves them out gets (over {@link BUILTIN_SAMPLING_DEFAULTS}). */
  sampling?: Pick<SamplingOptions, 'temperature' | 'topP' | 'topK'>;
}

/** Int8 weights of one matrix [rows, cols] with one scale per row (output channel). */
export interface QuantizedMatrix {
  q: Int8Array;
  scale: Float32Array;
  rows: number;
  cols: number;
}

/** A loaded model: its shape, tokenizer, flat F32 weights and, for I8 files, the int8 matrices. */
export interface BuiltinModel {
  config: ModelConfig;
  tokenizer: ByteBpeTokenizer;
  /** Flat F32 weights in {@link parameterLayout} order (dequantised when the file is I8). */
  weights: Float32Array;
  meta: ModelMeta;
  /** Int8 matrices by tensor name when the file was I8. */
  quantized?: Map<string, QuantizedMatrix>;
  /** Directory it was loaded from. */
  dir?: string;
  /** sha256 of model.safetensors, so adapters can check they sit on the right base. */
  weightsSha256?: string;
}

interface ConfigFile {
  format: 'steward-builtin';
  version: 1;
  architecture: ModelConfig;
  tokenizerSha256: string;
  meta: ModelMeta;
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new StewardError({ code: 'MODEL_FILE_MISSING', message: `${what} not found: ${path}` });
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${path}: not valid JSON (${(cause as Error).message})`, cause });
  }
}

/** Symmetric per-row int8: scale = max|row| / 127, q = round(w / scale). */
export function quantizeMatrix(w: Float32Array, rows: number, cols: number): QuantizedMatrix {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(w[r * cols + c]));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(w[r * cols + c] / s)));
  }
  return { q, scale, rows, cols };
}

/** Writes a model directory (each file atomically). */
export function saveModel(dir: string, model: Pick<BuiltinModel, 'config' | 'tokenizer' | 'weights' | 'meta'>): void {
  const tensors: SafeTensor[] = [];
  for (const spec of parameterLayout(model.config)) {
    const values = model.weights.subarray(spec.offset, spec.offset + spec.size);
    if (model.meta.dtype === 'I8' && spec.shape.length === 2) {
      const m = quantizeMatrix(values, spec.shape[0], spec.shape[1]);
      tensors.push({ name: spec.name, dtype: 'I8', shape: spec.shape, data: m.q });
      tensors.push({ name: `${spec.name}.scale`, dtype: 'F32', shape: [spec.shape[0]], data: m.scale });
    } else if (model.meta.dtype === 'F16') {
      tensors.push(float16Tensor(spec.name, spec.shape, values));
    } else {
      tensors.push({ name: spec.name, dtype: 'F32', shape: spec.shape, data: values });
    }
  }
  writeFileAtomic(join(dir, 'tokenizer.json'), JSON.stringify(model.tokenizer.toJSON()));
  writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'steward-builtin', name: model.meta.name });
  const config: ConfigFile = { format: 'steward-builtin', version: 1, architecture: model.config, tokenizerSha256: model.tokenizer.hash, meta: model.meta };
  writeFileAtomic(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** True when `dir` holds a builtin model (config.json of our format). */
export function isModelDir(dir: string): boolean {
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'model.safetensors'));
}

/**
 * Loads a model directory; a missing file, a corrupt file, or a tokenizer or weights file that does
 * not match config.json is a StewardError naming the file and the mismatch.
 */
export function loadModelFiles(dir: string): BuiltinModel {
  const raw = readJson(join(dir, 'config.json'), 'model config') as Partial<ConfigFile>;
  if (raw.format !== 'steward-builtin' || raw.version !== 1) {
    throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${join(dir, 'config.json')}: not a steward-builtin model config (version 1)` });
  }
  const config = validateModelConfig(raw.architecture);
  const tokenizer = ByteBpeTokenizer.fromJSON(readJson(join(dir, 'tokenizer.json'), 'tokenizer'), join(dir, 'tokenizer.json'));
  if (tokenizer.vocabSize !== config.vocabSize || tokenizer.hash !== raw.tokenizerSha256) {
    throw new StewardError({
      code: 'TOKENIZER_MISMATCH',
      message: `${dir}: tokenizer.json (vocab ${tokenizer.vocabSize}, sha256 ${tokenizer.hash.slice(0, 12)}) is not the tokenizer these weights were trained with (vocab ${config.vocabSize}, sha256 ${String(raw.tokenizerSha256).slice(0, 12)})`,
    });
  }
  const path = join(dir, 'model.safetensors');
  if (!existsSync(path)) throw new StewardError({ code: 'MODEL_FILE_MISSING', message: `weights not found: ${path}` });
  const bytes = readFileSync(path);
  const file = readSafetensors(path);
  const specs = parameterLayout(config);
  const weights = sharedFloats(layoutSize(specs));
  const quantized = new Map<string, QuantizedMatrix>();
  for (const spec of specs) {
    const t = file.tensors.get(spec.name);
    if (!t) throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${path}: tensor ${spec.name} is missing` });
    if (t.shape.join(',') !== spec.shape.join(',')) {
      const code = spec.name === 'tok_embeddings.weight' ? 'TOKENIZER_MISMATCH' : 'MODEL_FILE_CORRUPT';
      throw new StewardError({ code, message: `${path}: tensor ${spec.name} has shape [${t.shape}] but config.json implies [${spec.shape}]` });
    }
    const target = weights.subarray(spec.offset, spec.offset + spec.size);
    if (t.dtype === 'I8') {
      const s = file.tensors.get(`${spec.name}.scale`);
      if (s?.dtype !== 'F32' || s.data.length !== spec.shape[0]) {
        throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${path}: int8 tensor ${spec.name} has no valid ${spec.name}.scale` });
      }
      const m: QuantizedMatrix = { q: t.data as Int8Array, scale: s.data as Float32Array, rows: spec.shape[0], cols: spec.shape[1] };
      quantized.set(spec.name, m);
      for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) target[r * m.cols + c] = m.q[r * m.cols + c] * m.scale[r];
    } else {
      target.set(tensorToFloat32(t));
    }
  }
  const meta: ModelMeta = { ...(raw.meta as ModelMeta), name: raw.meta?.name ?? basename(dir) };
  return {
    config,
    tokenizer,
    weights,
    meta,
    quantized: quantized.size > 0 ? quantized : undefined,
    dir,
    weightsSha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
