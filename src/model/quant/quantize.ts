// int8 quantisation of a builtin model: symmetric per-output-channel weights (I8 in safetensors,
// one F32 scale per row), norms kept in F32. Reports what it costs in perplexity and gains in speed.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePerplexity } from '../eval/perplexity.js';
import { heldOutTexts } from '../eval/task-eval.js';
import { loadModel } from '../io/adapter-files.js';
import { type BuiltinModel, loadModelFiles, saveModel } from '../io/model-files.js';
import { BuiltinRuntime } from '../runtime/builtin-runtime.js';

/** Options of {@link quantize}. */
export interface QuantizeOptions {
  modelDir: string;
  outDir: string;
  /** Texts for the perplexity comparison (default: held-out prose of the small world). */
  evalTexts?: string[];
  name?: string;
}

/** Measured effect of quantisation. */
export interface QuantizeReport {
  outDir: string;
  bytesF32: number;
  bytesInt8: number;
  perplexityF32: number;
  perplexityInt8: number;
  /** (int8 − f32) / f32. */
  perplexityChange: number;
  tokensPerSecondF32: number;
  tokensPerSecondInt8: number;
  speedup: number;
}

/** Greedy batch-1 decoding speed in tokens per second (best of a few runs). */
export async function decodeTokensPerSecond(model: BuiltinModel, tokens = 48): Promise<number> {
  const rt = new BuiltinRuntime(model);
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const out = await rt.generate({ prompt: 'The river', maxTokens: tokens, temperature: 0.8, seed: r, ignoreEos: true });
    const s = (performance.now() - t0) / 1000;
    best = Math.max(best, out.completionTokens / s);
  }
  return best;
}

/** Writes an int8 copy of a model and measures its perplexity change and decoding speed-up. */
export async function quantize(o: QuantizeOptions): Promise<QuantizeReport> {
  const source = loadModel(o.modelDir);
  saveModel(o.outDir, { ...source, meta: { ...source.meta, name: o.name ?? `${source.meta.name}-int8`, dtype: 'I8', training: { ...source.meta.training, quantizedFrom: source.meta.name } } });
  const q = loadModelFiles(o.outDir);
  const texts = o.evalTexts ?? heldOutTexts();
  const pF = evaluatePerplexity(source, texts).perplexity;
  const pQ = evaluatePerplexity(q, texts).perplexity;
  const sF = await decodeTokensPerSecond(source);
  const sQ = await decodeTokensPerSecond(q);
  return {
    outDir: o.outDir,
    bytesF32: source.weights.length * 4,
    bytesInt8: statSync(join(o.outDir, 'model.safetensors')).size,
    perplexityF32: pF,
    perplexityInt8: pQ,
    perplexityChange: (pQ - pF) / pF,
    tokensPerSecondF32: sF,
    tokensPerSecondInt8: sQ,
    speedup: sQ / sF,
  };
}
