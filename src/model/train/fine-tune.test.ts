import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTaskExamples } from '../data/synthetic-tasks.js';
import { evaluatePerplexity } from '../eval/perplexity.js';
import { evaluateTasks } from '../eval/task-eval.js';
import { loadModel } from '../io/adapter-files.js';
import { weightViews } from '../nn/parameters.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import { distill, trainDpo, trainSft } from '../index.js';
import { makeTinyModel } from '../testing/tiny-model-fixture.js';
import { chatSequence } from './fine-tune.js';
import { sequenceLogProbs } from './objectives.js';

let baseDir: string;
beforeAll(async () => {
  baseDir = await makeTinyModel(20);
});

const sentiment = (n: number, seed: number) => generateTaskExamples(n, seed, ['sentiment']).map((e) => ({ messages: e.messages }));

describe('fine-tuning the builtin model', () => {
  it('SFT raises the score of a task the base model fails', async () => {
    const before = await evaluateTasks(loadModel(baseDir), { tasks: ['sentiment'], perTask: 30 });
    const out = join(baseDir, '..', 'sft-full');
    const jsonl = sentiment(160, 11).map((e) => JSON.stringify(e)).join('\n');
    const result = await trainSft({ baseModelDir: baseDir, outDir: out, data: jsonl, inWorker: false, lora: false, hyperParameters: { epochs: 6, batchSize: 16, learningRate: 1e-2, seed: 2 } });
    expect(result.kind).toBe('full');
    const after = await evaluateTasks(loadModel(out), { tasks: ['sentiment'], perTask: 30 });
    expect(before.scores.sentiment).toBe(0);
    expect(after.scores.sentiment!).toBeGreaterThanOrEqual(0.25);
  });

  it('LoRA stores only the adapter, which loads on top of its base and carries what was learnt', async () => {
    const out = join(baseDir, '..', 'sft-lora');
    const data = sentiment(96, 15);
    const result = await trainSft({ baseModelDir: baseDir, outDir: out, data, inWorker: false, hyperParameters: { epochs: 3, batchSize: 16, learningRate: 1e-2, validationFraction: 0.25 }, lora: { rank: 4, alpha: 8 } });
    expect(result.kind).toBe('lora');
    expect(readdirSync(out).sort()).toEqual(['adapter.safetensors', 'adapter_config.json']);
    expect(statSync(join(out, 'adapter.safetensors')).size).toBeLessThan(statSync(join(baseDir, 'model.safetensors')).size);
    const history = result.summary.validationHistory;
    expect(history.at(-1)!).toBeLessThan(history[0]);
    // the reloaded adapter model has the trained validation loss, the base model a higher one
    const tuned = loadModel(out);
    const base = loadModel(baseDir);
    const heldOut = data.map((e) => chatSequence(tuned, e));
    expect(evaluatePerplexity(tuned, heldOut).loss).toBeLessThan(evaluatePerplexity(base, heldOut).loss);
    expect(tuned.meta.training?.kind).toBe('sft');
  });

  it('DPO raises the chosen-over-rejected margin relative to the reference', async () => {
    const pairs = sentiment(48, 12).map((e) => {
      const answer = e.messages[1].content;
      return { prompt: [e.messages[0]], chosen: answer, rejected: 'I do not know' };
    });
    const margin = (dir: string) => {
      const m = loadModel(dir);
      const g = new TransformerGraph(m.config);
      const w = weightViews(m.config, m.weights);
      const seq = (p: (typeof pairs)[number], a: string) => chatSequence(m, { messages: [...p.prompt, { role: 'assistant', content: a }] });
      const pad = m.tokenizer.special('<|pad|>');
      const c = sequenceLogProbs(g, w, pairs.map((p) => seq(p, p.chosen)), pad, m.config.contextLength);
      const r = sequenceLogProbs(g, w, pairs.map((p) => seq(p, p.rejected)), pad, m.config.contextLength);
      return c.reduce((a, x, i) => a + x - r[i], 0) / pairs.length;
    };
    const out = join(baseDir, '..', 'dpo');
    const result = await trainDpo({ baseModelDir: baseDir, outDir: out, data: pairs, beta: 0.5, inWorker: false, hyperParameters: { epochs: 3, batchSize: 8, learningRate: 5e-3 } });
    expect(result.summary.finalLoss).toBeLessThan(Math.log(2));
    expect(margin(out)).toBeGreaterThan(margin(baseDir) + 1);
  });

  it('distils: logit-level KL falls, sequence-level asks the teacher for every prompt', async () => {
    const data = sentiment(40, 13);
    const teacherDir = join(baseDir, '..', 'teacher');
    await trainSft({ baseModelDir: baseDir, outDir: teacherDir, data, inWorker: false, lora: false, hyperParameters: { epochs: 3, batchSize: 8, learningRate: 3e-3 } });
    const kl = await distill({ mode: 'logits', baseModelDir: baseDir, teacherModelDir: teacherDir, outDir: join(baseDir, '..', 'kl'), data, inWorker: false, hyperParameters: { epochs: 3, batchSize: 8, learningRate: 1e-2 } });
    expect(kl.summary.validationHistory.at(-1)!).toBeLessThan(kl.summary.validationHistory[0]);
    const asked: string[] = [];
    const seq = await distill({
      mode: 'sequence',
      baseModelDir: baseDir,
      outDir: join(baseDir, '..', 'seq'),
      prompts: data.slice(0, 12).map((e) => [e.messages[0]]),
      teacher: async (messages) => {
        asked.push(messages[0].content);
        return messages[0].content.includes('was') ? 'positive' : 'negative';
      },
      inWorker: false,
      hyperParameters: { epochs: 1, batchSize: 4 },
    });
    expect(asked.length).toBe(12);
    expect(seq.teacherExamples).toBe(12);
    expect(loadModel(join(baseDir, '..', 'seq')).meta.training?.kind).toBe('sft');
  });

  it('trains in a worker thread with progress events, and cancels on abort', async () => {
    const events: number[] = [];
    const data = sentiment(64, 14);
    const result = await trainSft({ baseModelDir: baseDir, outDir: join(baseDir, '..', 'worker'), data, hyperParameters: { epochs: 1, batchSize: 8 } }, { onProgress: (p) => events.push(p.step) });
    expect(result.summary.steps).toBe(events.length);
    expect(events.at(-1)).toBe(result.summary.steps);
    const controller = new AbortController();
    const run = trainSft({ baseModelDir: baseDir, outDir: join(baseDir, '..', 'cancelled'), data, hyperParameters: { epochs: 50, batchSize: 8 } }, { signal: controller.signal, onProgress: (p) => p.step === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'TRAINING_CANCELLED' });
    await expect(trainSft({ baseModelDir: baseDir, outDir: join(baseDir, '..', 'x'), data: 'oops' })).rejects.toMatchObject({ code: 'TRAINING_DATA_INVALID' });
  });
});
