// A LoRA fine-tune on disk: adapter_config.json (rank, alpha, targets, the base it sits on with the
// base weights' sha256) and adapter.safetensors (A and B). loadModel() merges it onto its base.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { StewardError } from '../../errors/index.js';
import { sharedFloats } from '../nn/parameters.js';
import { LoraAdapter, type LoraOptions } from '../train/lora-adapter.js';
import { writeFileAtomic } from './atomic-write.js';
import { type BuiltinModel, isModelDir, loadModelFiles, type ModelMeta } from './model-files.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';

interface AdapterConfigFile {
  format: 'steward-lora';
  version: 1;
  lora: LoraOptions;
  base: { dir: string; name: string; weightsSha256: string };
  meta: ModelMeta;
}

/** True when `dir` holds a LoRA adapter. */
export function isAdapterDir(dir: string): boolean {
  return existsSync(join(dir, 'adapter_config.json'));
}

/** Writes an adapter directory; the base is recorded relative to it so both can move together. */
export function saveAdapter(dir: string, adapter: LoraAdapter, base: BuiltinModel, meta: ModelMeta): void {
  if (!base.dir || !base.weightsSha256) throw new StewardError({ code: 'INTERNAL', message: 'a LoRA adapter needs a base model loaded from a directory' });
  writeSafetensors(join(dir, 'adapter.safetensors'), adapter.tensors(), { format: 'steward-lora' });
  const config: AdapterConfigFile = {
    format: 'steward-lora',
    version: 1,
    lora: adapter.options,
    base: { dir: relative(resolve(dir), resolve(base.dir)) || '.', name: base.meta.name, weightsSha256: base.weightsSha256 },
    meta,
  };
  writeFileAtomic(join(dir, 'adapter_config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Loads a model directory, or an adapter directory merged onto its base.
 * `baseDirs` are searched (by base name) when the recorded relative path does not exist.
 */
export function loadModel(dir: string, baseDirs: readonly string[] = []): BuiltinModel {
  if (!isAdapterDir(dir)) return loadModelFiles(dir);
  let raw: AdapterConfigFile;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8'));
  } catch (cause) {
    throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${join(dir, 'adapter_config.json')}: not valid JSON`, cause });
  }
  if (raw.format !== 'steward-lora' || raw.version !== 1) throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${dir}: not a steward-lora adapter (version 1)` });
  const candidates = [isAbsolute(raw.base.dir) ? raw.base.dir : resolve(dir, raw.base.dir), ...baseDirs.map((d) => join(d, raw.base.name))];
  const baseDir = candidates.find((d) => isModelDir(d) || isAdapterDir(d));
  if (!baseDir) throw new StewardError({ code: 'MODEL_FILE_MISSING', message: `${dir}: base model ${raw.base.name} not found (looked in ${candidates.join(', ')})` });
  const base = loadModel(baseDir, baseDirs);
  if (base.weightsSha256 !== raw.base.weightsSha256) {
    throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${dir}: adapter was trained on other weights of ${raw.base.name} (sha256 differs); retrain it on this base` });
  }
  const adapter = new LoraAdapter(base.config, raw.lora, 0);
  adapter.load(readSafetensors(join(dir, 'adapter.safetensors')).tensors, join(dir, 'adapter.safetensors'));
  const weights = sharedFloats(base.weights.length);
  weights.set(base.weights);
  adapter.mergeInto(base.weights, weights);
  return { config: base.config, tokenizer: base.tokenizer, weights, meta: { ...raw.meta, dtype: 'F32' }, dir, weightsSha256: base.weightsSha256 };
}
