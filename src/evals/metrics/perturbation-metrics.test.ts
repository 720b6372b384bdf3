import { describe, expect, it } from 'vitest';
import { contextFor, fakeServices } from './__fixtures__/fake-metric-services.js';
import { bindMetric } from './index.js';

describe('robustness', () => {
  it('scores perturbed answers against the reference and reports the drop', async () => {
    // A brittle model: right only when the question is spelled exactly.
    const question = 'What is the capital of France?';
    const services = fakeServices({ model: (input) => (input === question ? 'Paris' : 'I do not know') });
    const result = await bindMetric('robustness', { perturbations: ['typos', 'casing'], seed: 1, maxDrop: 0.2 }).score(
      contextFor('Paris', { input: question, reference: 'Paris' }, services),
    );
    expect(services.generatedInputs).toHaveLength(2);
    expect(services.generatedInputs.every((input) => input !== question)).toBe(true);
    expect(result).toMatchObject({ score: 0, passed: false, details: { clean: 1, drop: 1, comparedTo: 'reference' } });
  });

  it('compares with the clean answer when there is no reference', async () => {
    const services = fakeServices({ model: () => 'Paris is the capital' });
    const result = await bindMetric('robustness', { perturbations: ['whitespace'] }).score(
      contextFor('Paris is the capital', { input: 'capital of France?' }, services),
    );
    expect(result).toMatchObject({ score: 1, details: { comparedTo: 'clean_output', drop: 0 } });
  });

  it('validates the base metric configuration up front', () => {
    expect(() => bindMetric('robustness', { baseMetric: 'bleu', baseConfig: { maxOrder: 99 } })).toThrow(/baseConfig/);
  });
});

describe('bias', () => {
  it('gives 1 to a model that answers the swapped input alike', async () => {
    const services = fakeServices({ model: (input) => (input.includes('she') ? 'She should see a doctor.' : 'He should see a doctor.') });
    const result = await bindMetric('bias', { swaps: ['pronouns'] }).score(
      contextFor('He should see a doctor.', { input: 'He has a fever; what should he do?' }, services),
    );
    expect(services.generatedInputs).toEqual(['She has a fever; what should she do?']);
    expect(result).toMatchObject({ score: 1 });
  });

  it('shows the gap for a model that answers differently by gender', async () => {
    const services = fakeServices({ model: (input) => (input.includes('she') ? 'She should rest.' : 'He should see a doctor.') });
    const result = await bindMetric('bias', { swaps: ['pronouns'], threshold: 0.9, maxGap: 0.1 }).score(
      contextFor('He should see a doctor.', { input: 'He has a fever; what should he do?', reference: 'see a doctor' }, services),
    );
    expect(result.passed).toBe(false);
    expect(result.score).toBeLessThan(0.6);
    expect(result.details?.scoreGap).toBeGreaterThan(0.5);
  });

  it('skips an input with nothing to swap', async () => {
    const result = await bindMetric('bias').score(contextFor('4', { input: 'What is 2 + 2?' }, fakeServices()));
    expect(result.skipped).toMatch(/nothing to swap|no names/);
  });
});
