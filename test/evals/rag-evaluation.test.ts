// RAG evaluation end to end over the real server: the committed dataset examples/rag-support-docs.jsonl
// (contexts and reference_contexts, with and without ids) is evaluated against the builtin model and
// against an OpenAI-compatible stand-in, with the stand-in as judge. The stand-in judge applies the
// rubrics mechanically (a claim is supported when every word of it is in the contexts), so the
// expected scores below follow from the dataset by hand; the builtin model as judge answers prose,
// which must be an error for every item, never a score.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { recordedUserText, startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

interface RagItem {
  id: string;
  input: string;
  reference: string;
}
const JSONL = readFileSync(new URL('../../examples/rag-support-docs.jsonl', import.meta.url), 'utf8');
const ITEMS = JSONL.split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RagItem & Record<string, unknown>);
const REFERENCE_BY_QUESTION = new Map(ITEMS.map((item) => [item.input, item.reference]));

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => words(s).length > 0);
/** The text under a `## Heading` of a rubric prompt, up to the next heading or the closing instruction. */
function section(task: string, heading: string): string {
  const start = task.indexOf(`## ${heading}\n`);
  if (start === -1) return '';
  const rest = task.slice(start + heading.length + 4);
  const end = rest.search(/\n\n(## |Answer with one JSON)/);
  return end === -1 ? rest : rest.slice(0, end);
}
const allIn = (claim: string, context: string) => {
  const available = new Set(words(context));
  return words(claim).every((w) => available.has(w));
};

/** A judge that follows the rubrics mechanically. */
function ragJudge(task: string): string {
  if (task.includes('"supported"')) {
    const context = section(task, 'Context');
    return JSON.stringify({ claims: sentences(section(task, 'Answer')).map((claim) => ({ claim, supported: allIn(claim, context) })) });
  }
  if (task.includes('"attributed"')) {
    const context = section(task, 'Retrieved context');
    return JSON.stringify({ claims: sentences(section(task, 'Reference answer')).map((claim) => ({ claim, attributed: allIn(claim, context) })) });
  }
  if (task.includes('"verdicts"')) {
    const answer = new Set(words(section(task, 'Reference answer') || section(task, 'Answer')).filter((w) => w.length >= 5));
    const contexts = section(task, 'Contexts').split('\n\n');
    return JSON.stringify({ verdicts: contexts.map((c, i) => ({ context: i + 1, useful: words(c).some((w) => answer.has(w)) })) });
  }
  if (task.includes('"noncommittal"')) {
    const answer = section(task, 'Answer');
    return JSON.stringify({ questions: [`What is true about ${answer}?`, `Tell me: ${answer}`], noncommittal: words(answer).length === 0 });
  }
  return 'I cannot tell.';
}

function answer(model: string, userText: string): string {
  if (model === 'rag-judge') return ragJudge(userText);
  // The stand-in RAG bot answers with the reference answer of the question.
  if (model === 'rag-bot') return REFERENCE_BY_QUESTION.get(userText) ?? 'I do not know.';
  // The reader answers with the first passage its prompt gives it (rendered from {{contexts}}).
  if (model === 'rag-reader') return /\[1\] ([^\n]*)/.exec(userText)?.[1] ?? 'I was given no passage.';
  return 'unknown model';
}

interface Aggregate {
  mean: number | null;
  n: number;
  errors: number;
  skipped: number;
}
interface Run {
  id: string;
  status: string;
  summary: { metrics: Record<string, Aggregate> } | null;
}

async function waitFor(steward: TestSteward, id: string): Promise<Run> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const run = (await steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as Run;
    if (['completed', 'completed_with_errors', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

const RAG_METRICS = [
  { metric: 'context_precision', config: { model: 'mock/rag-judge' } },
  { metric: 'context_recall', config: { model: 'mock/rag-judge' } },
  { metric: 'faithfulness', config: { model: 'mock/rag-judge' } },
  { metric: 'answer_relevancy', config: { model: 'mock/rag-judge', questions: 2 } },
  { metric: 'retrieval_hit_rate' },
  { metric: 'retrieval_mrr' },
  { metric: 'retrieval_ndcg' },
];

for (const engine of ENGINES) {
  describe(`RAG evaluation (${engine.name})`, () => {
    let standIn: StandIn;
    let steward: TestSteward;
    beforeAll(async () => {
      standIn = await startAnsweringStandIn(answer, { apiKey: 'sk-mock' });
      steward = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-mock' }] } });
      expect((await steward.api('POST', '/api/datasets', { body: { name: 'support-docs' } })).status).toBe(201);
      const created = await steward.api('POST', '/api/datasets/support-docs/versions', { body: { items: ITEMS } });
      expect(created.status, created.text).toBe(201);
    });
    afterAll(async () => {
      await steward?.close();
      await standIn?.close();
    });

    const start = async (target: string, metrics: unknown[], extra: Record<string, unknown> = {}) => {
      const created = await steward.api('POST', '/api/evals/runs', {
        body: { dataset: 'support-docs', target, metrics, params: { concurrency: 2, embeddingModel: 'builtin/steward-mini', max_tokens: 24 }, ...extra },
      });
      expect(created.status, created.text).toBe(201);
      return waitFor(steward, (created.body as unknown as Run).id);
    };

    it('imports the committed JSONL file as it is (contexts and reference_contexts are item fields)', async () => {
      expect((await steward.api('POST', '/api/datasets', { body: { name: 'support-docs-file' } })).status).toBe(201);
      const imported = await steward.api('POST', '/api/datasets/support-docs-file/versions/import', { body: JSONL, headers: { 'content-type': 'application/x-ndjson' } });
      expect(imported.status, imported.text).toBe(201);
      const items = await steward.api('GET', '/api/datasets/support-docs-file/versions/1/items?limit=20');
      const rows = items.body.data as { item: { id: string; contexts?: unknown[] } }[];
      expect(rows).toHaveLength(10);
      expect(rows.find((row) => row.item.id === 'q9')?.item.contexts).toEqual(['Orders ship within 2 days from our warehouse.', 'Returns are free for 30 days.']);
    });

    it('keeps contexts and reference_contexts on the stored items', async () => {
      const items = await steward.api('GET', '/api/datasets/support-docs/versions/1/items?limit=20');
      expect(items.status, items.text).toBe(200);
      const rows = items.body.data as { item: { id: string; contexts?: unknown[]; reference_contexts?: unknown[] } }[];
      const q7 = rows.find((row) => row.item.id === 'q7')?.item;
      expect(q7?.contexts).toHaveLength(2);
      expect(q7?.reference_contexts).toEqual([expect.objectContaining({ id: 'premium-support' }), expect.objectContaining({ id: 'premium-storage' })]);
    });

    it('scores a RAG bot behind the stand-in with the stand-in as judge: the values the dataset implies', async () => {
      const run = await start('mock/rag-bot', RAG_METRICS);
      expect(run.status).toBe('completed');
      const m = run.summary!.metrics;
      // Ids on q1–q7: precision 1/2, 1, 1/3, 1/2, 1/2, 0, 1/2; judge on q8–q10: 1, 1/2 (useful passage ranked 2nd), 1.
      expect(m.context_precision).toMatchObject({ n: 10, errors: 0 });
      expect(m.context_precision.mean).toBeCloseTo(7 / 12, 12);
      // Ids: q1–q5 all found, q6 none, q7 one of two; judge: q8–q10 attributed.
      expect(m.context_recall.mean).toBeCloseTo(0.85, 12);
      // The bot repeats the reference; only q6's answer is absent from its (wrongly) retrieved contexts.
      expect(m.faithfulness).toMatchObject({ n: 10, errors: 0, mean: 0.9 });
      expect(m.answer_relevancy).toMatchObject({ n: 10, errors: 0 });
      expect(m.answer_relevancy.mean).toBeGreaterThan(0);
      expect(m.answer_relevancy.mean).toBeLessThanOrEqual(1);
      // Ranked ids on q1–q7 only; q8–q10 are skipped, not scored.
      expect(m.retrieval_hit_rate).toMatchObject({ n: 7, skipped: 3, errors: 0 });
      expect(m.retrieval_hit_rate.mean).toBeCloseTo(6 / 7, 12);
      expect(m.retrieval_mrr.mean).toBeCloseTo(5 / 7, 12);
      const inv = 1 / Math.log2(3);
      // nDCG: 1 (q1, q2, q4), 1/log2(3) (q3, q5: relevant at rank 2), 0 (q6), 1/(1 + 1/log2(3)) (q7: one of two relevant, at rank 1).
      expect(m.retrieval_ndcg.mean).toBeCloseTo((3 + 2 * inv + 1 / (1 + inv)) / 7, 12);
    });

    it('gives the model under test the retrieved passages through {{contexts}} in the prompt template', async () => {
      const template = 'Answer from these passages only.\n{{contexts}}\n\nQuestion: {{input}}';
      const run = await start('mock/rag-reader', [{ metric: 'faithfulness', config: { model: 'mock/rag-judge' } }], { prompt: { template } });
      expect(run.status).toBe('completed');
      const asked = standIn.requests.filter((r) => (r.body as { model?: string }).model === 'rag-reader').map((r) => recordedUserText(r.body));
      expect(asked).toHaveLength(10);
      expect(asked).toContain('Answer from these passages only.\n[1] Refunds are processed within 5 business days.\n\n[2] Orders ship within 2 days from our warehouse.\n\nQuestion: How long do refunds take?');
      // Every answer is a retrieved passage, so every claim is supported.
      expect(run.summary!.metrics.faithfulness).toMatchObject({ n: 10, errors: 0, mean: 1 });
    });

    it('scores the builtin model with the stand-in as judge, and makes the builtin model as judge an error on every item', async () => {
      const judgeCallsBefore = standIn.requests.filter((r) => (r.body as { model?: string }).model === 'rag-judge').length;
      const run = await start('builtin/steward-mini', [
        { metric: 'faithfulness', config: { model: 'mock/rag-judge' } },
        { metric: 'faithfulness', name: 'faithfulness_builtin_judge', config: { model: 'builtin/steward-mini' } },
        { metric: 'context_precision' },
      ]);
      expect(run.status).toBe('completed_with_errors');
      const m = run.summary!.metrics;
      expect(m.faithfulness.errors).toBe(0);
      expect(m.faithfulness.n + m.faithfulness.skipped).toBe(10);
      expect(m.faithfulness_builtin_judge).toMatchObject({ n: 0, errors: 10, mean: null });
      // Id-based precision needs no judge and does not depend on the answer; q8–q10 have no ids and no judge.
      expect(m.context_precision).toMatchObject({ n: 7, errors: 3 });
      expect(m.context_precision.mean).toBeCloseTo((0.5 + 1 + 1 / 3 + 0.5 + 0.5 + 0 + 0.5) / 7, 12);
      const judged = standIn.requests.filter((r) => (r.body as { model?: string }).model === 'rag-judge').slice(judgeCallsBefore);
      expect(judged).toHaveLength(10);
      // Each judge request carries the item's own retrieved passages.
      expect(judged.some((r) => recordedUserText(r.body).includes('[1] Refunds are processed within 5 business days.'))).toBe(true);
      const results = await steward.api('GET', `/api/evals/runs/${run.id}/results?limit=20`);
      for (const row of results.body.data as { scores: Record<string, { score?: number; error?: string }> }[]) {
        expect(row.scores.faithfulness_builtin_judge.score).toBeUndefined();
        expect(row.scores.faithfulness_builtin_judge.error).toMatch(/judge answer/);
      }
    });
  });
}
