import { describe, expect, it } from 'vitest';
import type { DatasetItem } from '../dataset-item.js';
import { augment } from './augment.js';
import { augmentWithModel } from './augment-with-model.js';

const items: DatasetItem[] = [
  { kind: 'example', id: 'a', input: 'Explain why he left the company.', reference: 'He wanted a new job.', split: 'test' },
  {
    kind: 'example',
    id: 'b',
    input: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    reference: 'Paris',
  },
];

describe('augment', () => {
  it('makes one copy per item and perturbation, recording the operation and source', () => {
    const out = augment(items, { kind: 'perturb', seed: 7, perturbations: ['typos', 'casing'] });
    expect(out.map((item) => item.id)).toEqual(['a~perturb-typos', 'a~perturb-casing', 'b~perturb-typos', 'b~perturb-casing']);
    expect(out[0].metadata?.augmentation).toEqual({ operation: 'perturb:typos', sourceIndex: 0, sourceId: 'a', seed: 7 });
    expect(out[0].split).toBe('test');
    expect(out[0].kind === 'example' && out[0].reference).toBe('He wanted a new job.');
    const chat = out[2].input;
    expect(Array.isArray(chat) && chat[0].content).toBe('Answer briefly.');
    expect(Array.isArray(chat) && chat[1].content).not.toBe('What is the capital of France?');
  });

  it('is deterministic for a seed', () => {
    const options = { kind: 'perturb', seed: 'x', copies: 2 } as const;
    expect(augment(items, options)).toEqual(augment(items, options));
  });

  it('swaps input and reference together and skips items without gendered words', () => {
    const out = augment(items, { kind: 'counterfactual', seed: 1, includeOriginals: true });
    expect(out.map((item) => item.id)).toEqual(['a', 'a~counterfactual', 'b']);
    const swapped = out[1];
    expect(swapped.input).toBe('Explain why she left the company.');
    expect(swapped.kind === 'example' && swapped.reference).toBe('She wanted a new job.');
  });
});

describe('augmentWithModel', () => {
  it('paraphrases the user text and rejects echoes', async () => {
    const generate = async (prompt: string): Promise<string> =>
      prompt.includes('France') ? 'Which city is the capital of France?' : 'Explain why he left the company.';
    const out = await augmentWithModel(items, { kind: 'paraphrase', generate });
    expect(out.items.map((item) => item.id)).toEqual(['b~paraphrase']);
    expect(out.rejected).toEqual([{ index: 0, reason: 'answer repeats the source' }]);
  });

  it('writes synthetic items from the JSON the model returns and rejects the rest', async () => {
    let call = 0;
    const generate = async (): Promise<string> =>
      ++call === 1 ? 'Sure! {"input": "What is the capital of Spain?", "reference": "Madrid"}' : 'I cannot.';
    const out = await augmentWithModel(items, { kind: 'synthetic', generate, count: 2, seed: 1 });
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({ input: 'What is the capital of Spain?', reference: 'Madrid', provenance: { source: 'synthetic' } });
    expect(out.rejected).toEqual([{ index: 1, reason: 'no JSON object in the answer' }]);
  });
});
