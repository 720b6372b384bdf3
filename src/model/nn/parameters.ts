// All weights of a model in one flat Float32Array (on a SharedArrayBuffer, so worker threads can
// read them without copies), with named views that follow the safetensors naming of the files.
import type { ModelConfig } from '../config/model-config.js';
import { Prng } from './prng.js';

/** One named tensor inside the flat parameter buffer. */
export interface ParamSpec {
  name: string;
  shape: number[];
  offset: number;
  size: number;
  /** Normal std for matrices; 1 for norm gains (initialised to ones). */
  init: 'normal' | 'ones';
  std: number;
  /** Norm gains and embeddings are not weight-decayed. */
  decay: boolean;
}

/** Views on the weights of one transformer block. */
export interface LayerWeights {
  attnNorm: Float32Array;
  wq: Float32Array;
  wk: Float32Array;
  wv: Float32Array;
  wo: Float32Array;
  mlpNorm: Float32Array;
  w1: Float32Array;
  w3: Float32Array;
  w2: Float32Array;
}

/** Views on every weight of the model (also used for gradient buffers of the same layout). */
export interface WeightViews {
  embedding: Float32Array;
  layers: LayerWeights[];
  finalNorm: Float32Array;
}

/** The ordered parameter layout of a config; identical for weights, gradients and optimiser moments. */
export function parameterLayout(c: ModelConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], init: 'normal' | 'ones', std: number, decay: boolean) => {
    const size = shape.reduce((a, b) => a * b, 1);
    specs.push({ name, shape, offset, size, init, std, decay });
    offset += size;
  };
  const std = 0.02;
  const residualStd = std / Math.sqrt(2 * c.nLayers);
  add('tok_embeddings.weight', [c.vocabSize, c.dModel], 'normal', std, false);
  for (let i = 0; i < c.nLayers; i++) {
    const p = `layers.${i}.`;
    add(`${p}attn_norm.weight`, [c.dModel], 'ones', 0, false);
    add(`${p}attn.wq.weight`, [c.dModel, c.dModel], 'normal', std, true);
    add(`${p}attn.wk.weight`, [c.dModel, c.dModel], 'normal', std, true);
    add(`${p}attn.wv.weight`, [c.dModel, c.dModel], 'normal', std, true);
    add(`${p}attn.wo.weight`, [c.dModel, c.dModel], 'normal', residualStd, true);
    add(`${p}mlp_norm.weight`, [c.dModel], 'ones', 0, false);
    add(`${p}mlp.w1.weight`, [c.dHidden, c.dModel], 'normal', std, true);
    add(`${p}mlp.w3.weight`, [c.dHidden, c.dModel], 'normal', std, true);
    add(`${p}mlp.w2.weight`, [c.dModel, c.dHidden], 'normal', residualStd, true);
  }
  add('norm.weight', [c.dModel], 'ones', 0, false);
  return specs;
}

/** Total floats of a layout. */
export function layoutSize(specs: readonly ParamSpec[]): number {
  const last = specs[specs.length - 1];
  return last.offset + last.size;
}

/** A Float32Array of `n` floats backed by a SharedArrayBuffer. */
export function sharedFloats(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * 4));
}

/** Builds typed views of a flat buffer laid out by {@link parameterLayout}. */
export function weightViews(c: ModelConfig, flat: Float32Array): WeightViews {
  const specs = parameterLayout(c);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const view = (name: string) => {
    const s = byName.get(name)!;
    return flat.subarray(s.offset, s.offset + s.size);
  };
  const layers: LayerWeights[] = [];
  for (let i = 0; i < c.nLayers; i++) {
    const p = `layers.${i}.`;
    layers.push({
      attnNorm: view(`${p}attn_norm.weight`),
      wq: view(`${p}attn.wq.weight`),
      wk: view(`${p}attn.wk.weight`),
      wv: view(`${p}attn.wv.weight`),
      wo: view(`${p}attn.wo.weight`),
      mlpNorm: view(`${p}mlp_norm.weight`),
      w1: view(`${p}mlp.w1.weight`),
      w3: view(`${p}mlp.w3.weight`),
      w2: view(`${p}mlp.w2.weight`),
    });
  }
  return { embedding: view('tok_embeddings.weight'), layers, finalNorm: view('norm.weight') };
}

/** Fresh weights for a config, deterministic from the seed. */
export function initParameters(c: ModelConfig, seed: number): Float32Array {
  const specs = parameterLayout(c);
  const flat = sharedFloats(layoutSize(specs));
  const rng = new Prng(seed);
  for (const s of specs) {
    const v = flat.subarray(s.offset, s.offset + s.size);
    if (s.init === 'ones') v.fill(1);
    else for (let i = 0; i < v.length; i++) v[i] = rng.normal() * s.std;
  }
  return flat;
}
