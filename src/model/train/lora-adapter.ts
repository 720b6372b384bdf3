// LoRA adapters: W' = W + (alpha / rank)·B·A on chosen matrices of every layer, plus the RMSNorm
// gains (a few hundred floats, which let the frozen tied head sharpen its logits). Training keeps a
// merged copy of the weights for the forward pass and projects the full-matrix gradient onto A and B
// (dA = s·Bᵀ·dW, dB = s·dW·Aᵀ), so a fine-tuned version stores only A, B and the gains.
import { StewardError } from '../../errors/index.js';
import type { ModelConfig } from '../config/model-config.js';
import type { SafeTensor } from '../io/safetensors.js';
import type { ParamGroup } from './adamw.js';
import { parameterLayout } from '../nn/parameters.js';
import { Prng } from '../nn/prng.js';

export const LORA_TARGETS = ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

/** Shape of an adapter. */
export interface LoraOptions {
  /** Rank r of the update, 1..256. */
  rank: number;
  /** Scale numerator: the update is multiplied by alpha / rank. */
  alpha: number;
  targets: LoraTarget[];
}

interface Entry {
  weight: string;
  weightOffset: number;
  rows: number;
  cols: number;
  aOffset: number;
  bOffset: number;
}

function weightTarget(name: string): LoraTarget | undefined {
  const m = /^layers\.\d+\.(?:attn|mlp)\.(w[qkvo123])\.weight$/.exec(name);
  return m ? (m[1] as LoraTarget) : undefined;
}

/** The A and B matrices of every targeted weight, in one flat trainable buffer. */
export class LoraAdapter {
  readonly options: LoraOptions;
  readonly flat: Float32Array;
  readonly entries: Entry[] = [];
  /** Norm gains trained alongside: where they sit in the weights and in {@link flat}. */
  readonly norms: { weight: string; weightOffset: number; size: number; flatOffset: number }[] = [];
  readonly scale: number;

  constructor(config: ModelConfig, options: LoraOptions, seed: number) {
    if (!Number.isInteger(options.rank) || options.rank < 1 || options.rank > 256) {
      throw new StewardError({ code: 'HYPERPARAMETER_INVALID', message: `lora rank must be an integer in 1..256, got ${options.rank}` });
    }
    if (!(options.alpha > 0)) throw new StewardError({ code: 'HYPERPARAMETER_INVALID', message: `lora alpha must be > 0, got ${options.alpha}` });
    if (options.targets.length === 0 || options.targets.some((t) => !LORA_TARGETS.includes(t))) {
      throw new StewardError({ code: 'HYPERPARAMETER_INVALID', message: `lora targets must be some of ${LORA_TARGETS.join(', ')}` });
    }
    this.options = options;
    this.scale = options.alpha / options.rank;
    const r = options.rank;
    let offset = 0;
    for (const spec of parameterLayout(config)) {
      const t = weightTarget(spec.name);
      if (!t || !options.targets.includes(t)) continue;
      const [rows, cols] = spec.shape;
      this.entries.push({ weight: spec.name, weightOffset: spec.offset, rows, cols, aOffset: offset, bOffset: offset + r * cols });
      offset += r * cols + rows * r;
    }
    this.#matrixFloats = offset;
    for (const spec of parameterLayout(config)) {
      if (spec.shape.length !== 1) continue;
      this.norms.push({ weight: spec.name, weightOffset: spec.offset, size: spec.size, flatOffset: offset });
      offset += spec.size;
    }
    this.flat = new Float32Array(offset);
    for (const n of this.norms) this.flat.fill(1, n.flatOffset, n.flatOffset + n.size);
    const rng = new Prng(seed);
    // A ~ N(0, 1/cols), B = 0: the adapter starts as the identity update.
    for (const e of this.entries) {
      const std = 1 / Math.sqrt(e.cols);
      for (let i = 0; i < r * e.cols; i++) this.flat[e.aOffset + i] = rng.normal() * std;
    }
  }

  readonly #matrixFloats: number;

  /** Starts the trainable gains from the base model's gains. */
  initNorms(base: Float32Array): void {
    for (const n of this.norms) this.flat.set(base.subarray(n.weightOffset, n.weightOffset + n.size), n.flatOffset);
  }

  /** AdamW groups: A and B with weight decay, gains without. */
  groups(): ParamGroup[] {
    return [
      { offset: 0, size: this.#matrixFloats, decay: true },
      { offset: this.#matrixFloats, size: this.flat.length - this.#matrixFloats, decay: false },
    ];
  }

  /** merged = base + s·B·A on targeted matrices (other weights are copied once by the caller). */
  mergeInto(base: Float32Array, merged: Float32Array): void {
    const r = this.options.rank;
    const f = this.flat;
    for (const n of this.norms) merged.set(f.subarray(n.flatOffset, n.flatOffset + n.size), n.weightOffset);
    for (const e of this.entries) {
      for (let i = 0; i < e.rows; i++) {
        const row = e.weightOffset + i * e.cols;
        for (let j = 0; j < e.cols; j++) merged[row + j] = base[row + j];
        for (let k = 0; k < r; k++) {
          const b = this.scale * f[e.bOffset + i * r + k];
          if (b === 0) continue;
          const a = e.aOffset + k * e.cols;
          for (let j = 0; j < e.cols; j++) merged[row + j] += b * f[a + j];
        }
      }
    }
  }

  /** Projects full weight gradients onto the adapter: out[A] = s·Bᵀ·dW, out[B] = s·dW·Aᵀ. */
  gradients(fullGrad: Float32Array, out: Float32Array): void {
    const r = this.options.rank;
    const f = this.flat;
    out.fill(0);
    for (const n of this.norms) out.set(fullGrad.subarray(n.weightOffset, n.weightOffset + n.size), n.flatOffset);
    for (const e of this.entries) {
      for (let i = 0; i < e.rows; i++) {
        const row = e.weightOffset + i * e.cols;
        for (let k = 0; k < r; k++) {
          const b = f[e.bOffset + i * r + k];
          const a = e.aOffset + k * e.cols;
          let dot = 0;
          for (let j = 0; j < e.cols; j++) {
            const gw = fullGrad[row + j];
            dot += gw * f[a + j];
            out[a + j] += this.scale * b * gw;
          }
          out[e.bOffset + i * r + k] = this.scale * dot;
        }
      }
    }
  }

  /** Safetensors tensors `<weight>.lora_a` [r, in] and `<weight>.lora_b` [out, r]. */
  tensors(): SafeTensor[] {
    const r = this.options.rank;
    return [
      ...this.entries.flatMap((e) => [
        { name: `${e.weight}.lora_a`, dtype: 'F32' as const, shape: [r, e.cols], data: this.flat.slice(e.aOffset, e.aOffset + r * e.cols) },
        { name: `${e.weight}.lora_b`, dtype: 'F32' as const, shape: [e.rows, r], data: this.flat.slice(e.bOffset, e.bOffset + e.rows * r) },
      ]),
      ...this.norms.map((n) => ({ name: n.weight, dtype: 'F32' as const, shape: [n.size], data: this.flat.slice(n.flatOffset, n.flatOffset + n.size) })),
    ];
  }

  /** Restores A and B from tensors written by {@link tensors}. */
  load(tensors: Map<string, SafeTensor>, source: string): void {
    const r = this.options.rank;
    for (const e of this.entries) {
      for (const [suffix, offset, size] of [['lora_a', e.aOffset, r * e.cols], ['lora_b', e.bOffset, e.rows * r]] as const) {
        const t = tensors.get(`${e.weight}.${suffix}`);
        if (t?.dtype !== 'F32' || t.data.length !== size) {
          throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: ${e.weight}.${suffix} is missing or has the wrong size` });
        }
        this.flat.set(t.data as Float32Array, offset);
      }
    }
    for (const n of this.norms) {
      const t = tensors.get(n.weight);
      if (t?.dtype !== 'F32' || t.data.length !== n.size) throw new StewardError({ code: 'MODEL_FILE_CORRUPT', message: `${source}: ${n.weight} is missing or has the wrong size` });
      this.flat.set(t.data as Float32Array, n.flatOffset);
    }
  }
}
