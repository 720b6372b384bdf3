// The GraphQL read API over the real server and both engines: one query follows a model to its
// fine-tuned version, the job, the dataset version and the traces its items came from; runs with
// results and gates; routes with revisions and rollouts; traces page by cursor; lineage walks both
// ways; another project's key sees nothing; limits, keys and GraphiQL answer as documented.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectLookups } from '../../src/server/graphql/lookups/project-lookups.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';
import { type Seeded, seedLineage } from './graphql-seed.js';

interface Answer {
  status: number;
  data: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; details?: Record<string, unknown> } }[];
  body: Record<string, unknown>;
}

interface LineageNode {
  kind: string;
  id: string;
  label: string;
  depth: number;
  direction: string;
}

for (const engine of ENGINES) {
  describe(`GraphQL read API (${engine.name})`, () => {
    let standIn: StandIn;
    let s: TestSteward;
    let seeded: Seeded;
    let otherKey: string;

    async function gql(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<Answer> {
      const res = await s.api('POST', '/graphql', { body: { query, variables }, key });
      return { status: res.status, data: (res.body.data as unknown as Record<string, unknown> | null) ?? null, errors: res.body.errors as Answer['errors'], body: res.body };
    }

    beforeAll(async () => {
      standIn = await startAnsweringStandIn((model) => (model === 'good' ? 'Paris.' : 'Lyon.'));
      s = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }], 'server.graphiql': true } });
      seeded = await seedLineage(s);
      expect((await s.api('POST', '/api/projects', { body: { name: 'elsewhere' } })).status).toBe(201);
      const created = await s.api('POST', '/api/keys', { body: { name: 'elsewhere viewer', role: 'admin', project: 'elsewhere' } });
      expect(created.status, created.text).toBe(201);
      otherKey = created.body.key as string;
    }, 180_000);
    afterAll(async () => {
      await s?.close();
      await standIn?.close();
    });

    it('follows a model to its fine-tuned version, its job, the dataset version and the traces its items came from', async () => {
      const answer = await gql(`{
        model(name: "support-bot") {
          name versionCount aliases { alias version }
          versions {
            id name status source { kind jobId }
            trainingJob {
              id state method backend hyperParameters { epochs learningRate batchSize }
              datasetVersion {
                label operation itemCount
                items(first: 10) { nodes { position kind provenance { source traceId } sourceTrace { id requestedModel status } } pageInfo { hasNextPage } }
              }
            }
            evalRuns { id }
          }
        }
      }`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.errors).toBeUndefined();
      const model = answer.data?.model as Record<string, unknown>;
      expect(model).toMatchObject({ name: 'support-bot', versionCount: 1, aliases: expect.arrayContaining([{ alias: 'latest', version: 'support-bot-001' }]) });
      const [version] = model.versions as Record<string, unknown>[];
      expect(version).toMatchObject({ id: seeded.modelVersionId, name: 'support-bot-001', status: 'candidate', source: { kind: 'training_job', jobId: seeded.jobId }, evalRuns: [{ id: seeded.evalRunId }] });
      const job = version.trainingJob as Record<string, unknown>;
      expect(job).toMatchObject({ id: seeded.jobId, state: 'succeeded', method: 'sft', backend: 'command', hyperParameters: { epochs: 1, learningRate: 0.01, batchSize: 2 } });
      const data = job.datasetVersion as { label: string; operation: string; itemCount: number; items: { nodes: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean } } };
      expect(data).toMatchObject({ label: 'support@1', operation: 'import', itemCount: 3, items: { pageInfo: { hasNextPage: false } } });
      const traces = data.items.nodes.map((n) => n.sourceTrace as { id: string; requestedModel: string; status: string });
      expect(traces.map((t) => t.id).sort()).toEqual([...seeded.traceIds].sort());
      expect(traces.every((t) => t.requestedModel === 'mock/good' && t.status === 'ok')).toBe(true);
      expect(data.items.nodes.every((n) => (n.provenance as { source: string }).source === 'traces')).toBe(true);
    });

    it('reads the traces of a page of items, and the versions of a page of traces, in one lookup each', async () => {
      const traces = vi.spyOn(ProjectLookups.prototype, 'traces');
      const versions = vi.spyOn(ProjectLookups.prototype, 'modelVersions');
      try {
        const answer = await gql(`query Batch($id: ID!) { datasetVersion(id: $id) { items(first: 50) { nodes { sourceTrace { id } } } } traces(first: 50) { nodes { id modelVersion { name } } } }`, { id: seeded.datasetVersionId });
        expect(answer.errors).toBeUndefined();
        const items = (answer.data as { datasetVersion: { items: { nodes: { sourceTrace: { id: string } }[] } } }).datasetVersion.items.nodes;
        expect(items.map((n) => n.sourceTrace.id).sort()).toEqual([...seeded.traceIds].sort());
        expect((answer.data as { traces: { nodes: unknown[] } }).traces.nodes.length).toBeGreaterThanOrEqual(3);
        // Three items' traces and every listed trace's version: one batched read each, not one per item.
        expect(traces).toHaveBeenCalledTimes(1);
        expect(versions).toHaveBeenCalledTimes(1);
      } finally {
        traces.mockRestore();
        versions.mockRestore();
      }
    });

    it('reads evaluation runs with their results and gate results', async () => {
      const answer = await gql(`query Run($id: ID!) {
        evalRun(id: $id) {
          id status target progress { total completed failed }
          datasetVersion { label }
          results(first: 2) { position output callError scores }
          gateResults { gate passed rules { rule passed reason } }
        }
        evalRuns(status: completed) { id }
      }`, { id: seeded.evalRunId });
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      const run = answer.data?.evalRun as Record<string, unknown>;
      expect(run).toMatchObject({ id: seeded.evalRunId, status: 'completed', target: 'mock/good', progress: { total: 3, completed: 3, failed: 0 }, datasetVersion: { label: 'support@1' } });
      expect(run.results as unknown[]).toHaveLength(2);
      expect((run.results as { position: number; output: string }[]).map((r) => r.output)).toEqual(['Paris.', 'Paris.']);
      expect(run.gateResults).toEqual([{ gate: 'inline', passed: true, rules: expect.arrayContaining([expect.objectContaining({ rule: 'accuracy >= 0', passed: true })]) }]);
      expect(answer.data?.evalRuns).toEqual([{ id: seeded.evalRunId }]);
    });

    it('reads routes with their revisions, rollouts and the version a rollout ships', async () => {
      const answer = await gql(`{ route(name: "support") { name revision revisions { revision reason actor { name } } rollouts { id status target percent targetVersion { name trainingJob { id } } } experiments { id } } }`);
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      const route = answer.data?.route as Record<string, unknown>;
      expect(route.name).toBe('support');
      const revisions = route.revisions as { revision: number; reason: string }[];
      expect(revisions.length).toBeGreaterThanOrEqual(3);
      expect(revisions.map((r) => r.revision)).toEqual([...revisions.map((r) => r.revision)].sort((a, b) => b - a));
      expect(revisions.map((r) => r.reason)).toEqual(expect.arrayContaining(['first', 'fallback']));
      expect(route.rollouts).toEqual([{ id: seeded.rolloutId, status: 'running', target: 'support-bot-001', percent: 10, targetVersion: { name: 'support-bot-001', trainingJob: { id: seeded.jobId } } }]);
      expect(route.experiments).toEqual([]);
    });

    it('pages traces by cursor with filters, newest first, without repeats, as GET /api/traces lists them', async () => {
      const page = `query Page($after: String) { traces(first: 2, after: $after, filter: { model: "mock/good", status: ok }) { nodes { id requestedModel } pageInfo { endCursor hasNextPage } } }`;
      const ids: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const answer = await gql(page, { after });
        const traces = answer.data?.traces as { nodes: { id: string; requestedModel: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
        expect(traces.nodes.length).toBeLessThanOrEqual(2);
        expect(traces.nodes.every((n) => n.requestedModel === 'mock/good')).toBe(true);
        ids.push(...traces.nodes.map((n) => n.id));
        after = traces.pageInfo.hasNextPage ? traces.pageInfo.endCursor : null;
        pages++;
      } while (after !== null && pages < 20);
      expect(pages).toBeGreaterThan(1);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(ids).toEqual(expect.arrayContaining(seeded.traceIds));
      const rest = (await s.api('GET', '/api/traces?model=mock/good&status=ok&limit=500')).body.data as { id: string }[];
      expect(ids).toEqual(rest.map((t) => t.id));
      const none = await gql(`{ traces(filter: { model: "mock/nobody" }) { nodes { id } } }`);
      expect(none.data?.traces).toEqual({ nodes: [] });
    });

    it('walks lineage down from a trace to the dataset, job, version, run and rollout, and up from the rollout to the traces', async () => {
      const walk = `query Walk($node: LineageNodeInput!, $direction: LineageDirection!, $depth: Int!) {
        lineage(node: $node, direction: $direction, depth: $depth) { root { kind id } nodes { kind id label depth direction } edges { from to relation } truncated }
      }`;
      const down = await gql(walk, { node: { kind: 'TRACE', id: seeded.traceIds[0] }, direction: 'DOWN', depth: 4 });
      expect(down.errors, JSON.stringify(down.errors)).toBeUndefined();
      const graph = down.data?.lineage as { nodes: LineageNode[]; edges: { from: string; to: string; relation: string }[]; truncated: boolean };
      const at = (kind: string, id: string) => graph.nodes.find((n) => n.kind === kind && n.id === id);
      expect(at('DATASET_VERSION', seeded.datasetVersionId)).toMatchObject({ label: 'support@1', depth: 1, direction: 'DOWN' });
      // The filtered version keeps the items, so it holds the trace too.
      expect(at('DATASET_VERSION', seeded.filteredVersionId)).toMatchObject({ label: 'support@2', depth: 1 });
      expect(at('TRAINING_JOB', seeded.jobId)).toMatchObject({ depth: 2 });
      expect(at('EVAL_RUN', seeded.evalRunId)).toMatchObject({ depth: 2 });
      expect(at('MODEL_VERSION', seeded.modelVersionId)).toMatchObject({ label: 'support-bot-001', depth: 3 });
      expect(at('ROLLOUT', seeded.rolloutId)).toMatchObject({ label: 'support → support-bot-001', depth: 4 });
      expect(graph.edges).toEqual(
        expect.arrayContaining([
          { from: seeded.traceIds[0], to: seeded.datasetVersionId, relation: 'curated_into' },
          { from: seeded.datasetVersionId, to: seeded.filteredVersionId, relation: 'derived_into' },
          { from: seeded.datasetVersionId, to: seeded.jobId, relation: 'trained' },
          { from: seeded.jobId, to: seeded.modelVersionId, relation: 'produced' },
          { from: seeded.modelVersionId, to: seeded.rolloutId, relation: 'rolled_out' },
        ]),
      );
      // The other traces are siblings (sources of the same dataset version), not descendants.
      expect(graph.nodes.filter((n) => n.kind === 'TRACE').map((n) => n.id)).toEqual([seeded.traceIds[0]]);

      const up = await gql(walk, { node: { kind: 'ROLLOUT', id: seeded.rolloutId }, direction: 'UP', depth: 4 });
      const ancestors = up.data?.lineage as { nodes: LineageNode[] };
      expect(ancestors.nodes.filter((n) => n.kind === 'TRACE').map((n) => n.id).sort()).toEqual([...seeded.traceIds].sort());
      expect(ancestors.nodes.filter((n) => n.kind === 'ROLLOUT' || n.kind === 'EVAL_RUN').map((n) => n.kind)).toEqual(['ROLLOUT']);
      expect(ancestors.nodes.find((n) => n.id === seeded.jobId)).toMatchObject({ depth: 2, direction: 'UP' });

      const shallow = await gql(walk, { node: { kind: 'MODEL_VERSION', id: seeded.modelVersionId }, direction: 'BOTH', depth: 1 });
      const near = (shallow.data as { lineage: { nodes: LineageNode[] } }).lineage.nodes.map((n) => `${n.kind}:${n.depth}`).sort();
      expect(near).toEqual(['EVAL_RUN:1', 'MODEL_VERSION:0', 'ROLLOUT:1', 'TRAINING_JOB:1']);

      const capped = await gql(walk.replace('depth: $depth)', 'depth: $depth, maxNodes: 3)'), { node: { kind: 'TRACE', id: seeded.traceIds[0] }, direction: 'DOWN', depth: 4 });
      expect(capped.data?.lineage).toMatchObject({ truncated: true });
      expect((capped.data as { lineage: { nodes: unknown[] } }).lineage.nodes).toHaveLength(3);
    });

    it('answers another project’s key with empty lists and nulls: nothing leaks, nothing says it exists', async () => {
      const answer = await gql(
        `query Probe($trace: ID!, $run: ID!, $job: ID!, $version: ID!) {
          models { name } model(name: "support-bot") { name } modelVersion(id: $version) { name }
          trainingJob(id: $job) { id } evalRun(id: $run) { id } trace(id: $trace) { id } route(name: "support") { name }
          traces { nodes { id } } datasets { name } evalRuns { id } rollouts { id }
          lineage(node: { kind: TRACE, id: $trace }) { nodes { id } }
        }`,
        { trace: seeded.traceIds[0], run: seeded.evalRunId, job: seeded.jobId, version: seeded.modelVersionId },
        otherKey,
      );
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        models: [],
        model: null,
        modelVersion: null,
        trainingJob: null,
        evalRun: null,
        trace: null,
        route: null,
        traces: { nodes: [] },
        datasets: [],
        evalRuns: [],
        rollouts: [],
        lineage: null,
      });
      // The same answer as for ids that exist nowhere.
      const unknown = await gql(`{ trace(id: "trace_nowhere") { id } lineage(node: { kind: TRACE, id: "trace_nowhere" }) { nodes { id } } }`, undefined, otherKey);
      expect(unknown.data).toEqual({ trace: null, lineage: null });
    });

    it('refuses a query over the depth limit and one over the cost limit with a clear code', async () => {
      const nested = `{ models { versions { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { trainingJob { modelVersion { name } } } } } } } } } } } } }`;
      const deep = await gql(nested);
      expect(deep.status).toBe(400);
      expect(deep.data).toBeNull();
      expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_QUERY_TOO_DEEP', details: { depth: 13, maxDepth: 12 } } });
      expect(deep.errors?.[0].message).toMatch(/nests 13 fields deep; the limit is 12/);

      const costly = await gql(`{ traces(first: 200) { nodes { id modelVersion { evalRuns(first: 200) { results(first: 200) { output } } } } } }`);
      expect(costly.status).toBe(400);
      expect(costly.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_QUERY_TOO_COSTLY', details: { maxCost: 10_000 } } });
      expect(costly.errors?.[0].message).toMatch(/ask for smaller pages with first:/);

      // The cost counts the page sizes a query's variables set.
      const byVariable = `query T($n: Int) { traces(first: $n) { nodes { id modelVersion { evalRuns(first: $n) { results(first: $n) { output } } } } } }`;
      expect((await gql(byVariable, { n: 200 })).errors?.[0].extensions.code).toBe('GRAPHQL_QUERY_TOO_COSTLY');
      expect((await gql(byVariable, { n: 2 })).errors).toBeUndefined();

      const invalid = await gql(`{ models { nope } }`);
      expect(invalid.status).toBe(400);
      expect(invalid.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(invalid.errors?.[0].message).toMatch(/Cannot query field "nope"/);

      const tooFar = await gql(`{ lineage(node: { kind: TRACE, id: "x" }, depth: 50) { truncated } }`);
      expect(tooFar.errors?.[0]).toMatchObject({ path: ['lineage'], extensions: { code: 'VALIDATION_FAILED' } });
      expect(tooFar.errors?.[0].message).toBe('depth must be 1 to 10, got 50');
    });

    it('needs a key with a read role, as REST does', async () => {
      const anonymous = await gql('{ models { name } }', undefined, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error).toMatchObject({ code: 'UNAUTHENTICATED' });
      const service = await s.api('POST', '/api/keys', { body: { name: 'data plane only', role: 'service' } });
      const refused = await gql('{ models { name } }', undefined, service.body.key as string);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { required: 'viewer', role: 'service' } });
      const viewer = await s.api('POST', '/api/keys', { body: { name: 'reader', role: 'viewer' } });
      expect((await gql('{ models { name } }', undefined, viewer.body.key as string)).data).toEqual({ models: [{ name: 'support-bot' }] });
    });

    it('runs an automatic persisted query by its hash once the query has been sent with it', async () => {
      const query = '{ models { name } }';
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
      const unknown = await s.api('POST', '/graphql', { body: { extensions: { persistedQuery } } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'GRAPHQL_PERSISTED_QUERY_NOT_FOUND', details: { sha256Hash: persistedQuery.sha256Hash } } }]);
      expect((await s.api('POST', '/graphql', { body: { query, extensions: { persistedQuery } } })).body).toEqual({ data: { models: [{ name: 'support-bot' }] } });
      expect((await s.api('POST', '/graphql', { body: { extensions: { persistedQuery } } })).body).toEqual({ data: { models: [{ name: 'support-bot' }] } });
      const mismatch = await s.api('POST', '/graphql', { body: { query: '{ datasets { name } }', extensions: { persistedQuery } } });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors).toMatchObject([{ extensions: { code: 'VALIDATION_FAILED' } }]);
      const empty = await s.api('POST', '/graphql', { body: {} });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toMatchObject([{ message: expect.stringMatching(/query is required/), extensions: { code: 'VALIDATION_FAILED' } }]);
    });

    it('serves GraphiQL when enabled and documents POST /graphql in /openapi.json', async () => {
      const page = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('GraphiQL.createFetcher');
      expect(html).toContain("url: '/graphql'");
      const spec = (await s.api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { summary: string; tags: string[] }>> };
      expect(spec.paths['/graphql'].post).toMatchObject({ tags: ['graphql'] });
      expect(spec.paths['/graphql'].get).toBeUndefined();
    });
  });
}
