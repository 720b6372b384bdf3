import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import { contextFor, fakeServices } from './__fixtures__/fake-metric-services.js';
import { bindMetric, getMetric, METRIC_NAMES } from './index.js';
import { parseJudgeVerdict } from './judge-score-parse.js';

describe('registry', () => {
  it('names an unknown metric and lists the known ones', () => {
    try {
      getMetric('blue');
      expect.unreachable();
    } catch (error) {
      expect(StewardError.is(error) && error.code).toBe('METRIC_NOT_FOUND');
      expect(String(error)).toContain('exact_match');
    }
  });

  it('documents every metric and accepts its defaults where no field is required', () => {
    for (const name of METRIC_NAMES) {
      const metric = getMetric(name);
      expect(metric.name).toBe(name);
      expect(metric.description.length).toBeGreaterThan(40);
    }
    expect(() => bindMetric('llm_judge', {})).toThrow(/model/);
    expect(() => bindMetric('efficiency', {})).toThrow(/at least one budget/);
  });
});

describe('llm_judge', () => {
  it('sends the rubric, prompt, reference and response to the named judge and maps the score', async () => {
    const services = fakeServices({ judge: () => '{"reasoning": "good", "score": 8}' });
    const result = await bindMetric('llm_judge', { model: 'judge-model', rubric: 'honest' }).score(
      contextFor('Paris is the capital.', { input: 'Capital of France?', reference: 'Paris' }, services),
    );
    expect(result).toMatchObject({ score: 7 / 9, details: { rawScore: 8, reasoning: 'good' } });
    const request = services.chatRequests[0];
    expect(request.model).toBe('judge-model');
    const prompt = String(request.messages[1].content);
    expect(prompt).toContain('Honesty');
    expect(prompt).toContain('Capital of France?');
    expect(prompt).toContain('## Reference answer\nParis');
  });

  it('reads a "Score: N/10" answer and uses custom criteria', async () => {
    const services = fakeServices({ judge: () => 'The tone is fine.\nScore: 10/10' });
    const result = await bindMetric('llm_judge', { model: 'j', rubric: 'custom', criteria: 'Is it polite?', threshold: 0.9 }).score(
      contextFor('Thank you!', {}, services),
    );
    expect(result).toMatchObject({ score: 1, passed: true });
    expect(String(services.chatRequests[0].messages[1].content)).toContain('Is it polite?');
  });

  it('records an unparsable or out-of-range verdict as an error, never a zero', async () => {
    for (const answer of ['I think it is pretty good.', '{"score": 42}', '']) {
      const services = fakeServices({ judge: () => answer });
      const result = await bindMetric('llm_judge', { model: 'j' }).score(contextFor('x', {}, services));
      expect(result.score).toBeUndefined();
      expect(result.error).toMatch(/score/);
    }
  });

  it('turns a failing judge call into an item error', async () => {
    const services = fakeServices({
      judge: () => {
        throw new Error('upstream 503');
      },
    });
    const result = await bindMetric('llm_judge', { model: 'j' }).score(contextFor('x', {}, services));
    expect(result.error).toContain('upstream 503');
  });

  it('parses verdict formats', () => {
    expect(parseJudgeVerdict('```json\n{"score": "4", "reasoning": "ok"}\n```', 1, 5)).toEqual({ score: 4, reasoning: 'ok' });
    expect(parseJudgeVerdict('**Score:** 3', 1, 5)).toMatchObject({ score: 3 });
  });
});

describe('embedding_similarity', () => {
  it('uses the cosine of the embeddings and clamps negatives to 0', async () => {
    const vectors: Record<string, number[]> = { a: [1, 0], b: [1, 1], c: [-1, 0] };
    const services = fakeServices({ embed: (texts) => texts.map((t) => vectors[t]) });
    const metric = bindMetric('embedding_similarity', { threshold: 0.7 });
    const result = await metric.score(contextFor('a', { reference: 'b' }, services));
    expect(result.score).toBeCloseTo(Math.SQRT1_2, 12);
    expect(result.passed).toBe(true);
    expect((await metric.score(contextFor('a', { reference: 'c' }, services))).score).toBe(0);
  });
});

describe('toxicity', () => {
  it('flags lexicon terms and passes clean text', async () => {
    const metric = bindMetric('toxicity');
    expect(await metric.score(contextFor('You are a f*cking idiot', {}))).toMatchObject({ score: 0, passed: false });
    expect(await metric.score(contextFor('Have a lovely day', {}))).toMatchObject({ score: 1, passed: true });
  });

  it('combines with a judge in "both" mode', async () => {
    const services = fakeServices({ judge: () => '{"score": 0.7, "reasoning": "hostile"}' });
    const result = await bindMetric('toxicity', { mode: 'both', model: 'j' }).score(contextFor('You people are worthless', {}, services));
    expect(result).toMatchObject({ passed: false, details: { judgeToxicity: 0.7 } });
    expect(result.score).toBeCloseTo(0.3, 10);
  });
});

describe('efficiency', () => {
  it('scores the share of budgets met and reports the values', async () => {
    const metric = bindMetric('efficiency', { maxLatencyMs: 1000, maxTotalTokens: 100, maxCostUsd: 0.01 });
    const context = {
      ...contextFor('x', {}),
      latencyMs: 1500,
      usage: { prompt_tokens: 40, completion_tokens: 20, total_tokens: 60 },
      costUsd: 0.002,
    };
    expect(await metric.score(context)).toMatchObject({
      score: 2 / 3,
      passed: false,
      details: { latencyMs: 1500, totalTokens: 60, overBudget: ['latencyMs'] },
    });
    expect((await metric.score(contextFor('x', {}))).error).toMatch(/latencyMs was not recorded/);
  });
});
