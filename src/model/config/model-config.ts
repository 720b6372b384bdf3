// The shape of a builtin transformer: sizes that the weights file, the tokenizer and every kernel
// agree on. Validated on load so that a hand-edited config.json fails clearly, not deep in a kernel.
import { StewardError } from '../../errors/index.js';

/** Hyper-parameters that fix the architecture of a decoder-only transformer. */
export interface ModelConfig {
  /** Tokens in the vocabulary, special tokens included; rows of the (tied) embedding matrix. */
  vocabSize: number;
  /** Width of the residual stream. */
  dModel: number;
  nLayers: number;
  /** Attention heads; `dModel / nHeads` must be an even integer (RoPE rotates pairs). */
  nHeads: number;
  /** Inner width of the SwiGLU MLP. */
  dHidden: number;
  /** Longest sequence (prompt + completion) the model is trained and run on. */
  contextLength: number;
  ropeTheta: number;
  normEps: number;
}

/** The default architecture of `steward-mini` (≈0.5 M parameters, 2 MB in F32). */
export const STEWARD_MINI_CONFIG: Omit<ModelConfig, 'vocabSize'> = {
  dModel: 96,
  nLayers: 4,
  nHeads: 4,
  dHidden: 256,
  contextLength: 128,
  ropeTheta: 10000,
  normEps: 1e-5,
};

function positiveInt(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new StewardError({
      code: 'MODEL_CONFIG_INVALID',
      message: `model config: ${name} must be an integer in 1..${max}, got ${JSON.stringify(value)}`,
    });
  }
  return value;
}

/** Checks an untrusted config object (e.g. parsed config.json) and returns it typed. */
export function validateModelConfig(raw: unknown): ModelConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new StewardError({ code: 'MODEL_CONFIG_INVALID', message: 'model config must be a JSON object' });
  }
  const r = raw as Record<string, unknown>;
  const config: ModelConfig = {
    vocabSize: positiveInt('vocabSize', r.vocabSize, 1 << 20),
    dModel: positiveInt('dModel', r.dModel, 1 << 14),
    nLayers: positiveInt('nLayers', r.nLayers, 256),
    nHeads: positiveInt('nHeads', r.nHeads, 256),
    dHidden: positiveInt('dHidden', r.dHidden, 1 << 16),
    contextLength: positiveInt('contextLength', r.contextLength, 1 << 16),
    ropeTheta: typeof r.ropeTheta === 'number' && r.ropeTheta > 1 ? r.ropeTheta : 10000,
    normEps: typeof r.normEps === 'number' && r.normEps > 0 ? r.normEps : 1e-5,
  };
  const headDim = config.dModel / config.nHeads;
  if (!Number.isInteger(headDim) || headDim % 2 !== 0) {
    throw new StewardError({
      code: 'MODEL_CONFIG_INVALID',
      message: `model config: dModel (${config.dModel}) / nHeads (${config.nHeads}) must be an even integer`,
    });
  }
  return config;
}

/** Number of scalar parameters of a model of this shape (embedding tied with the output head). */
export function countParameters(c: ModelConfig): number {
  const perLayer = 2 * c.dModel + 4 * c.dModel * c.dModel + 3 * c.dModel * c.dHidden;
  return c.vocabSize * c.dModel + c.nLayers * perLayer + c.dModel;
}
