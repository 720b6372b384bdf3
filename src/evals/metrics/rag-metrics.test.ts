// RAG metrics with a scripted judge: id-based scores need no judge, judge-based ones follow the
// rubric's JSON, and an unreadable or inconsistent verdict is an item error, never a score.
import { describe, expect, it } from 'vitest';
import sklearn from './__fixtures__/retrieval-sklearn.json' with { type: 'json' };
import { contextFor, fakeServices } from './__fixtures__/fake-metric-services.js';
import { rankWeightedPrecision } from './context-precision-metric.js';
import { bindMetric } from './index.js';
import { hitRate, ndcgAtK, reciprocalRank } from './retrieval-metrics.js';

const withIds = {
  input: 'Where is the Eiffel Tower?',
  reference: 'The Eiffel Tower is in Paris.',
  contexts: [{ id: 'd1', text: 'The Louvre is a museum.' }, { id: 'd2', text: 'The Eiffel Tower is in Paris.' }, { id: 'd3', text: 'Paris is in France.' }],
  reference_contexts: [{ id: 'd2', text: 'The Eiffel Tower is in Paris.' }, { id: 'd9', text: 'It was built in 1889.' }],
};
const withoutIds = { ...withIds, contexts: withIds.contexts.map((c) => c.text), reference_contexts: undefined };

describe('ranked retrieval metrics = scikit-learn / trec_eval definitions', () => {
  it('nDCG@k, hit rate@k and reciprocal rank on every fixture case', () => {
    for (const c of sklearn.cases) {
      const relevant = new Set(c.relevant);
      const k = c.k ?? c.retrieved.length;
      expect(ndcgAtK(c.retrieved, relevant, k), JSON.stringify(c)).toBeCloseTo(c.ndcg, 14);
      expect(hitRate(c.retrieved, relevant, k)).toBe(c.hitRate);
      expect(reciprocalRank(c.retrieved, relevant, k)).toBeCloseTo(c.reciprocalRank, 15);
    }
  });

  it('as metrics: by id, with k, and skipped when ids are missing', async () => {
    expect((await bindMetric('retrieval_mrr').score(contextFor('x', withIds))).score).toBe(0.5);
    expect((await bindMetric('retrieval_hit_rate', { k: 1 }).score(contextFor('x', withIds))).score).toBe(0);
    expect((await bindMetric('retrieval_ndcg').score(contextFor('x', withIds))).score).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 14);
    expect((await bindMetric('retrieval_ndcg').score(contextFor('x', withoutIds))).skipped).toMatch(/id/);
  });
});

describe('context precision and recall', () => {
  it('compare ids without a judge (RAGAS IDBasedContextPrecision / IDBasedContextRecall)', async () => {
    const services = fakeServices();
    const precision = await bindMetric('context_precision').score(contextFor('x', withIds, services));
    expect(precision.score).toBeCloseTo(1 / 3, 15);
    expect(precision.details?.rankWeighted).toBe(0.5);
    expect((await bindMetric('context_recall').score(contextFor('x', withIds, services))).score).toBe(0.5);
    expect(services.chatRequests).toHaveLength(0);
  });

  it('ask the judge when passages have no ids, and weigh useful passages by rank', async () => {
    expect(rankWeightedPrecision([false, false, true, true, false])).toBeCloseTo((1 / 3 + 2 / 4) / 2, 15);
    const services = fakeServices({
      judge: (request) => {
        const text = String(request.messages[1].content);
        if (text.includes('"verdicts"')) return '{"verdicts": [{"context": 1, "useful": false}, {"context": 2, "useful": true}, {"context": 3, "useful": true}]}';
        return '```json\n{"claims": [{"claim": "The Eiffel Tower is in Paris.", "attributed": true}]}\n```';
      },
    });
    const precision = await bindMetric('context_precision', { model: 'judge' }).score(contextFor('x', withoutIds, services));
    expect(precision.score).toBeCloseTo((1 / 2 + 2 / 3) / 2, 15);
    expect(String(services.chatRequests[0].messages[1].content)).toContain('## Reference answer\nThe Eiffel Tower is in Paris.');
    expect((await bindMetric('context_recall', { model: 'judge' }).score(contextFor('x', withoutIds, services))).score).toBe(1);
    expect((await bindMetric('context_recall').score(contextFor('x', withoutIds))).error).toMatch(/needs a judge/);
  });

  it('refuse a verdict that does not cover every context in order', async () => {
    const services = fakeServices({ judge: () => '{"verdicts": [{"context": 1, "useful": true}]}' });
    const result = await bindMetric('context_precision', { model: 'judge' }).score(contextFor('x', withoutIds, services));
    expect(result.error).toMatch(/1 verdicts for 3 contexts/);
    expect(result.score).toBeUndefined();
  });
});

describe('faithfulness', () => {
  it('is the share of supported claims', async () => {
    const services = fakeServices({
      judge: () => '{"claims": [{"claim": "The tower is in Paris.", "supported": true}, {"claim": "It is 500 m tall.", "supported": false}]}',
    });
    const result = await bindMetric('faithfulness', { model: 'judge', threshold: 0.8 }).score(contextFor('It is in Paris and 500 m tall.', withIds, services));
    expect(result).toMatchObject({ score: 0.5, passed: false, details: { supported: 1 } });
    expect(String(services.chatRequests[0].messages[1].content)).toContain('[2] The Eiffel Tower is in Paris.');
  });

  it('makes an unreadable verdict an error and an answer without claims a skip', async () => {
    const prose = await bindMetric('faithfulness', { model: 'judge' }).score(contextFor('x', withIds, fakeServices({ judge: () => 'Looks faithful to me, 9/10.' })));
    expect(prose.error).toMatch(/no JSON object/);
    const wrongShape = await bindMetric('faithfulness', { model: 'judge' }).score(contextFor('x', withIds, fakeServices({ judge: () => '{"claims": [{"claim": "a", "supported": "yes"}]}' })));
    expect(wrongShape.error).toMatch(/requested shape/);
    const none = await bindMetric('faithfulness', { model: 'judge' }).score(contextFor('Hello!', withIds, fakeServices({ judge: () => '{"claims": []}' })));
    expect(none.skipped).toBeDefined();
    expect((await bindMetric('faithfulness', { model: 'judge' }).score(contextFor('x', { input: 'q' }))).error).toBe('the item has no contexts');
    expect(() => bindMetric('faithfulness', {})).toThrow(/model/);
  });
});

describe('answer relevancy', () => {
  const embed = (texts: string[]) => texts.map((t) => (t.includes('Eiffel') ? [1, 0] : [0.6, 0.8]));
  it('averages the cosine of generated questions with the question, 0 when noncommittal', async () => {
    const judge = () => '{"questions": ["Where is the Eiffel Tower?", "Which city is it in?"], "noncommittal": false}';
    const result = await bindMetric('answer_relevancy', { model: 'judge', questions: 2 }).score(contextFor('In Paris.', withIds, fakeServices({ judge, embed })));
    expect(result.score).toBeCloseTo((1 + 0.6) / 2, 15);
    const evasive = () => '{"questions": ["Where is the Eiffel Tower?"], "noncommittal": true}';
    expect((await bindMetric('answer_relevancy', { model: 'judge' }).score(contextFor('No idea.', withIds, fakeServices({ judge: evasive, embed })))).score).toBe(0);
  });
});
