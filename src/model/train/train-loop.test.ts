import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config/model-config.js';
import { initParameters } from '../nn/parameters.js';
import { Prng } from '../nn/prng.js';
import { resolveHyperParameters } from './hyper-parameters.js';
import { languageModelObjective, type TrainSequence } from './objectives.js';
import { runTraining } from './train-loop.js';
import { parseChatJsonl, parsePreferenceJsonl } from './training-data.js';

const config: ModelConfig = { vocabSize: 40, dModel: 16, nLayers: 1, nHeads: 2, dHidden: 24, contextLength: 16, ropeTheta: 10000, normEps: 1e-5 };

function data(n: number): TrainSequence[] {
  const rng = new Prng(5);
  // a learnable pattern: each token is the previous one plus 1 (mod 39)
  return Array.from({ length: n }, () => {
    const start = rng.int(39);
    const ids = Array.from({ length: 12 }, (_, i) => (start + i) % 39);
    return { ids, mask: ids.map((_, i) => (i === 0 ? 0 : 1)) };
  });
}

const baseRun = (weights: Float32Array, extra: Partial<Parameters<typeof runTraining<TrainSequence>>[0]> = {}) =>
  runTraining({
    config,
    weights,
    objective: languageModelObjective(39, config.contextLength),
    train: data(48),
    validation: data(8),
    hp: resolveHyperParameters({ learningRate: 1e-2, batchSize: 8, microBatchSize: 4, epochs: 3, warmupSteps: 2, seed: 3 }),
    tokensOf: (s) => s.ids.length - 1,
    ...extra,
  });

describe('runTraining', () => {
  it('learns, reports progress each step and validation loss each epoch', async () => {
    const events: { step: number; validationLoss?: number; learningRate: number }[] = [];
    const summary = await baseRun(initParameters(config, 1), { onProgress: (p) => events.push(p) });
    expect(events.map((e) => e.step)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(events.filter((e) => e.validationLoss !== undefined).length).toBe(3);
    expect(summary.validationHistory[2]).toBeLessThan(summary.validationHistory[0]);
    expect(summary.finalLoss).toBeLessThan(summary.lossHistory[0] * 0.7);
    // warmup rises, cosine falls
    expect(events[1].learningRate).toBeGreaterThan(events[0].learningRate);
    expect(events[17].learningRate).toBeLessThan(events[5].learningRate);
  });

  it('resumes after a crash from its last checkpoint and ends exactly where an uninterrupted run ends', async () => {
    const reference = initParameters(config, 1);
    await baseRun(reference);
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    const crashed = initParameters(config, 1);
    await expect(
      baseRun(crashed, {
        checkpointDir: dir,
        checkpointEvery: 4,
        onProgress: (p) => {
          if (p.step === 10) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const resumed = initParameters(config, 1); // fresh process: weights come from the checkpoint
    const summary = await baseRun(resumed, { checkpointDir: dir, checkpointEvery: 4 });
    expect(summary.resumedFromStep).toBe(8);
    expect(Array.from(resumed)).toEqual(Array.from(reference));
  });

  it('is cancellable and the same seed gives the same loss curve', async () => {
    const a = await baseRun(initParameters(config, 1));
    const b = await baseRun(initParameters(config, 1));
    expect(b.lossHistory).toEqual(a.lossHistory);
    const controller = new AbortController();
    await expect(baseRun(initParameters(config, 1), { signal: controller.signal, onProgress: (p) => p.step === 2 && controller.abort() })).rejects.toMatchObject({ code: 'TRAINING_CANCELLED' });
  });
});

describe('hyper-parameters and data validation', () => {
  it('names the out-of-range hyper-parameter', () => {
    expect(() => resolveHyperParameters({ learningRate: 0 })).toThrow(/learningRate must be in \(0, 1\]/);
    expect(() => resolveHyperParameters({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolveHyperParameters({ epochs: 1.5 })).toThrow(/epochs/);
    expect(() => resolveHyperParameters({ weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => resolveHyperParameters({ warmupSteps: -3 })).toThrow(/warmupSteps/);
    expect(() => resolveHyperParameters({ seed: 0.5 })).toThrow(/seed/);
    expect(() => resolveHyperParameters({ batchSize: 4, microBatchSize: 8 })).toThrow(/microBatchSize/);
  });

  it('reports malformed chat JSONL with line numbers, and empty sets', () => {
    const text = [
      '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}',
      '{"messages":[{"role":"user","content":"hi"}]}',
      '',
      'not json',
      '{"messages":[{"role":"robot","content":"x"}]}',
    ].join('\n');
    expect(() => parseChatJsonl(text)).toThrow(/line 2: needs at least one assistant.*line 4: not valid JSON.*line 5: messages\[0\]\.role/);
    expect(() => parseChatJsonl('\n\n')).toThrow(/empty/);
    expect(parseChatJsonl(text.split('\n')[0])[0].messages[1]).toEqual({ role: 'assistant', content: 'yo' });
    expect(() => parsePreferenceJsonl('{"prompt":"q","chosen":"a"}')).toThrow(/line 1: needs "chosen" and "rejected"/);
    const openai = '{"input":{"messages":[{"role":"user","content":"q"}]},"preferred_output":[{"role":"assistant","content":"good"}],"non_preferred_output":[{"role":"assistant","content":"bad"}]}';
    expect(parsePreferenceJsonl(openai)[0]).toEqual({ prompt: [{ role: 'user', content: 'q' }], chosen: 'good', rejected: 'bad' });
  });
});
