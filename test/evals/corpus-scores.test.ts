// A run's BLEU and chrF summaries carry the corpus-level score sacreBLEU would print for the same
// outputs and references (its README example: BLEU 48.53 with nrefs:2, chrF2 59.73), next to the
// mean of the sentence scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../../src/evals/metrics/__fixtures__/sacrebleu-test-vectors.json' with { type: 'json' };
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const { hypotheses, references } = vectors.readme;
const QUESTIONS = ['first', 'second', 'third'];
const ITEMS = QUESTIONS.map((input, i) => ({ id: `s${i + 1}`, input, reference: references[0][i], metadata: { references: [references[1][i]] } }));

interface Aggregate {
  mean: number | null;
  n: number;
  corpus?: { score: number; sacrebleu: number; signature: string };
}

for (const engine of ENGINES) {
  describe(`corpus BLEU and chrF of a run (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;
    beforeAll(async () => {
      standIn = await startAnsweringStandIn((_model, question) => hypotheses[QUESTIONS.indexOf(question)] ?? '', { apiKey: 'sk-mock' });
      steward = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-mock' }] } });
      await steward.api('POST', '/api/datasets', { body: { name: 'dogs' } });
      const created = await steward.api('POST', '/api/datasets/dogs/versions', { body: { items: ITEMS } });
      expect(created.status, created.text).toBe(201);
    });
    afterAll(async () => {
      await steward?.close();
      await standIn?.close();
    });

    it('reports sacreBLEU’s corpus score and signature in the summary', async () => {
      const created = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'dogs', target: 'mock/mt', metrics: [{ metric: 'bleu' }, { metric: 'chrf' }] } });
      expect(created.status, created.text).toBe(201);
      const id = (created.body as { id: string }).id;
      let run: { status: string; summary: { metrics: Record<string, Aggregate> } | null } = { status: 'queued', summary: null };
      for (let attempt = 0; attempt < 1_600 && !['completed', 'completed_with_errors', 'failed'].includes(run.status); attempt++) {
        await new Promise((r) => setTimeout(r, 50));
        run = (await steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as typeof run;
      }
      expect(run.status).toBe('completed');
      const { bleu, chrf } = run.summary!.metrics;
      expect(bleu.n).toBe(3);
      expect(bleu.corpus?.sacrebleu.toFixed(2)).toBe(vectors.readme.bleu.score);
      expect(bleu.corpus?.signature).toBe('nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3');
      // The corpus score is not the mean of sentence scores.
      expect(bleu.mean).not.toBeCloseTo(bleu.corpus!.score, 3);
      expect(chrf.corpus?.sacrebleu.toFixed(2)).toBe(vectors.readme.chrf.score);
      expect(chrf.corpus?.signature).toBe('nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3');
    });
  });
}
