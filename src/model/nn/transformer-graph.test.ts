import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config/model-config.js';
import { initParameters, layoutSize, parameterLayout, weightViews } from './parameters.js';
import { Prng } from './prng.js';
import { weightedCrossEntropy } from './token-loss.js';
import { TransformerGraph } from './transformer-graph.js';

const config: ModelConfig = { vocabSize: 23, dModel: 16, nLayers: 2, nHeads: 2, dHidden: 24, contextLength: 8, ropeTheta: 10000, normEps: 1e-5 };

describe('TransformerGraph backward', () => {
  it('matches finite differences for every parameter tensor', () => {
    // Larger init than training uses so that every path carries signal at float32 precision.
    const flat = initParameters(config, 3);
    const rng = new Prng(9);
    for (let i = 0; i < flat.length; i++) flat[i] += rng.normal() * 0.3;
    const w = weightViews(config, flat);
    const graph = new TransformerGraph(config);
    const B = 2;
    const T = 6;
    const tokens = Array.from({ length: B * T }, () => rng.int(config.vocabSize));
    const targets = Array.from({ length: B * T }, () => rng.int(config.vocabSize));
    const weights = Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const lossAt = () => weightedCrossEntropy(graph.forward(w, tokens, B, T), targets, weights, B * T, config.vocabSize, null, 1);
    const gradFlat = new Float32Array(layoutSize(parameterLayout(config)));
    const g = weightViews(config, gradFlat);
    const logits = graph.forward(w, tokens, B, T);
    const dLogits = new Float32Array(logits.length);
    weightedCrossEntropy(logits, targets, weights, B * T, config.vocabSize, dLogits, 1);
    graph.backward(w, g, dLogits);
    for (const spec of parameterLayout(config)) {
      // a few coordinates per tensor, chosen by the PRNG
      for (let trial = 0; trial < 3; trial++) {
        const idx = spec.offset + rng.int(spec.size);
        const saved = flat[idx];
        const eps = 1e-2;
        flat[idx] = saved + eps;
        const up = lossAt();
        flat[idx] = saved - eps;
        const down = lossAt();
        flat[idx] = saved;
        const numeric = (up - down) / (2 * eps);
        const analytic = gradFlat[idx];
        const tol = 2e-2 * Math.max(1, Math.abs(numeric));
        expect(Math.abs(numeric - analytic), `${spec.name}[${idx - spec.offset}] numeric ${numeric} analytic ${analytic}`).toBeLessThan(tol);
      }
    }
  });
});
