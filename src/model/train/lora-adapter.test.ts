import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config/model-config.js';
import { initParameters, sharedFloats, weightViews } from '../nn/parameters.js';
import { Prng } from '../nn/prng.js';
import { weightedCrossEntropy } from '../nn/token-loss.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import { LORA_TARGETS, LoraAdapter } from './lora-adapter.js';

const config: ModelConfig = { vocabSize: 20, dModel: 16, nLayers: 1, nHeads: 2, dHidden: 24, contextLength: 8, ropeTheta: 10000, normEps: 1e-5 };

describe('LoraAdapter', () => {
  it('projects full-weight gradients onto A and B exactly (finite differences)', () => {
    const base = initParameters(config, 2);
    const rng = new Prng(4);
    for (let i = 0; i < base.length; i++) base[i] += rng.normal() * 0.2;
    const adapter = new LoraAdapter(config, { rank: 3, alpha: 6, targets: [...LORA_TARGETS] }, 5);
    for (let i = 0; i < adapter.flat.length; i++) adapter.flat[i] = rng.normal() * 0.3;
    const merged = sharedFloats(base.length);
    merged.set(base);
    const graph = new TransformerGraph(config);
    const tokens = Array.from({ length: 12 }, () => rng.int(20));
    const targets = Array.from({ length: 12 }, () => rng.int(20));
    const ones = new Array(12).fill(1);
    const loss = () => {
      adapter.mergeInto(base, merged);
      return weightedCrossEntropy(graph.forward(weightViews(config, merged), tokens, 2, 6), targets, ones, 12, 20, null, 1);
    };
    loss();
    const logits = graph.forward(weightViews(config, merged), tokens, 2, 6);
    const dLogits = new Float32Array(logits.length);
    weightedCrossEntropy(logits, targets, ones, 12, 20, dLogits, 1);
    const full = new Float32Array(base.length);
    graph.backward(weightViews(config, merged), weightViews(config, full), dLogits);
    const grad = new Float32Array(adapter.flat.length);
    adapter.gradients(full, grad);
    for (let t = 0; t < 20; t++) {
      const i = rng.int(adapter.flat.length);
      const saved = adapter.flat[i];
      adapter.flat[i] = saved + 1e-2;
      const up = loss();
      adapter.flat[i] = saved - 1e-2;
      const down = loss();
      adapter.flat[i] = saved;
      const numeric = (up - down) / 2e-2;
      expect(Math.abs(numeric - grad[i]), `index ${i}: ${numeric} vs ${grad[i]}`).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  });
});
