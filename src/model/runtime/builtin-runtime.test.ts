import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTaskExamples, isCorrect } from '../data/synthetic-tasks.js';
import { BUILTIN_SAMPLING_DEFAULTS } from '../inference/sampler.js';
import { KvCache, KvDecoder } from '../inference/kv-decoder.js';
import { type BuiltinModel, loadModelFiles } from '../io/model-files.js';
import { weightViews } from '../nn/parameters.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import { makeTinyModel } from '../testing/tiny-model-fixture.js';
import { BuiltinRuntime } from './builtin-runtime.js';

let model: BuiltinModel;
beforeAll(async () => {
  model = loadModelFiles(await makeTinyModel());
});

describe('KvDecoder', () => {
  it('gives the same logits incrementally (KV cache) as the full training graph', () => {
    const ids = model.tokenizer.encode('Mira lives in Oakford. The river runs');
    const full = new TransformerGraph(model.config).forward(weightViews(model.config, model.weights), ids, 1, ids.length);
    const dec = new KvDecoder(model);
    const cache = new KvCache(model.config);
    const V = model.config.vocabSize;
    // prefill half, then one token at a time
    const half = Math.floor(ids.length / 2);
    const first = dec.forward(ids.slice(0, half).map((token, position) => ({ cache, position, token }))).slice();
    for (let v = 0; v < V; v++) expect(first[(half - 1) * V + v]).toBeCloseTo(full[(half - 1) * V + v], 4);
    for (let p = half; p < ids.length; p++) {
      const row = dec.forward([{ cache, position: p, token: ids[p] }]);
      for (let v = 0; v < V; v += 7) expect(row[v]).toBeCloseTo(full[p * V + v], 4);
    }
  });
});

describe('BuiltinRuntime', () => {
  it('is deterministic: greedy always, sampling for a given seed', async () => {
    const rt = new BuiltinRuntime(model);
    const prompt = rt.chatPrompt([{ role: 'user', content: 'Where does Mira live?' }]);
    const g1 = await rt.generate({ prompt, temperature: 0, maxTokens: 12 });
    const g2 = await rt.generate({ prompt, temperature: 0, maxTokens: 12 });
    expect(g1.text).toBe(g2.text);
    const s1 = await rt.generate({ prompt: 'The', temperature: 1.2, seed: 7, maxTokens: 20 });
    const s2 = await rt.generate({ prompt: 'The', temperature: 1.2, seed: 7, maxTokens: 20 });
    expect(s1.text).toBe(s2.text);
    const others = await Promise.all([1, 2, 3].map((seed) => rt.generate({ prompt: 'The', temperature: 1.2, seed, maxTokens: 20 })));
    expect(new Set([s1.text, ...others.map((o) => o.text)]).size).toBeGreaterThan(1);
  });

  it('honours max_tokens and stop sequences, and streams the same text it returns', async () => {
    const rt = new BuiltinRuntime(model);
    const long = await rt.generate({ prompt: 'The', temperature: 1, seed: 3, maxTokens: 5, topK: 50, topP: 0.9 });
    expect(long.completionTokens).toBeLessThanOrEqual(5);
    if (long.completionTokens === 5) expect(long.finishReason).toBe('length');
    const free = await rt.generate({ prompt: 'The', temperature: 1, seed: 4, maxTokens: 40 });
    const cut = free.text.slice(3, 5);
    if (cut.length === 2) {
      const stopped = await rt.generate({ prompt: 'The', temperature: 1, seed: 4, maxTokens: 40, stop: [cut] });
      expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(cut)));
      expect(stopped.finishReason).toBe('stop');
    }
    let streamed = '';
    const it = rt.stream({ prompt: 'The', temperature: 1, seed: 4, maxTokens: 40 });
    let r = await it.next();
    while (!r.done) {
      streamed += r.value.text;
      r = await it.next();
    }
    expect(streamed).toBe(free.text);
    expect(r.value.text).toBe(free.text);
  });

  it('micro-batches concurrent requests into one forward pass without changing results', async () => {
    const rt = new BuiltinRuntime(model);
    const prompts = ['What is 2 + 3?', 'Uppercase: cat', 'Where does Tomas live?', 'Reverse the words: dog cat'];
    const alone = [];
    for (const p of prompts) alone.push((await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: p }]), temperature: 0, maxTokens: 10 })).text);
    const together = await Promise.all(prompts.map((p) => rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: p }]), temperature: 0, maxTokens: 10 })));
    expect(together.map((t) => t.text)).toEqual(alone);
    expect(rt.maxObservedBatch).toBeGreaterThan(1);
  });

  it('embeds texts as unit vectors, equal for equal texts', () => {
    const rt = new BuiltinRuntime(model);
    const { vectors, tokens } = rt.embed(['the cat', 'the cat', 'a river in winter']);
    expect(tokens).toBeGreaterThan(3);
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(Array.from(vectors[0])).toEqual(Array.from(vectors[1]));
    expect(Array.from(vectors[0])).not.toEqual(Array.from(vectors[2]));
  });

  it('stops early and rejects when the request is aborted', async () => {
    const rt = new BuiltinRuntime(model);
    const controller = new AbortController();
    const p = rt.generate({ prompt: 'The', maxTokens: 60, signal: controller.signal, temperature: 1, seed: 1 });
    controller.abort(new Error('client went away'));
    await expect(p).rejects.toThrow(/client went away/);
  });
});

describe('BuiltinRuntime on the published steward-mini', () => {
  let mini: BuiltinModel;
  beforeAll(() => {
    mini = loadModelFiles(fileURLToPath(new URL('../../../models/steward-mini', import.meta.url)));
  });

  it('never answers a non-empty prompt with nothing, at any seed or temperature', async () => {
    const rt = new BuiltinRuntime(mini);
    const prompts = ['What is 2 + 3?', '?', 'Reverse the words: stone river', 'hello'];
    const settings = [0.3, 0.9, 1, 1.5].flatMap((temperature) => Array.from({ length: 12 }, (_, i) => ({ temperature, seed: i + 1 })));
    settings.push({ temperature: 0.9, seed: 7 }, { temperature: 0, seed: 1 });
    const runs = prompts.flatMap((content) => settings.map((s) => ({ content, ...s })));
    const results = await Promise.all(runs.map((r) => rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: r.content }]), temperature: r.temperature, seed: r.seed, maxTokens: 8 })));
    const empty = runs.filter((_, i) => results[i].completionTokens === 0 || results[i].text.length === 0);
    expect(empty).toEqual([]);
    const issue = await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: 'What is 2 + 3?' }]), temperature: 0.9, seed: 7, maxTokens: 16 });
    expect(issue.text.trim()).not.toBe('');
    // max_tokens 0 is the one way to ask for nothing.
    expect(await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: 'hello' }]), maxTokens: 0 })).toMatchObject({ text: '', completionTokens: 0, finishReason: 'length' });
  });

  it('samples with the model’s defaults when a request leaves them out, and they keep its trained tasks right', async () => {
    expect(mini.meta.sampling).toEqual(BUILTIN_SAMPLING_DEFAULTS);
    const rt = new BuiltinRuntime(mini);
    const examples = generateTaskExamples(16, 9001, ['reverse', 'uppercase', 'sentiment', 'world_qa']);
    const ask = (seed: number, o: { temperature?: number; topP?: number } = {}) =>
      Promise.all(examples.map((ex) => rt.generate({ prompt: rt.chatPrompt(ex.messages.slice(0, -1)), seed, maxTokens: 12, ...o }).then((r) => r.text)));
    const defaulted = await ask(3);
    expect(defaulted).toEqual(await ask(3, { temperature: 0.3, topP: 0.9 }));
    expect(defaulted.filter((text, i) => isCorrect(examples[i], text)).length).toBe(examples.length);
    // The README's examples.
    const reverse = await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: 'Reverse the words: stone river' }]), seed: 1 });
    expect(reverse.text).toBe('river stone');
  });
});
