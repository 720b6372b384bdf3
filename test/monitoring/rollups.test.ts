// Roll-ups over the real server: per-minute and per-hour metrics from traces and feedback,
// incremental passes without double counting, one replica at a time, and retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile } from '../../src/statistics/index.js';
import { newId } from '../../src/store/index.js';
import { type BreakdownRow, RollupWorker } from '../../src/monitoring/rollups/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from './trace-fixtures.js';

const MINUTE = 60_000;
const OVERRIDES = { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 };

interface Series {
  data: { t: string; value: number }[];
}

for (const engine of ENGINES) {
  describe(`metric roll-ups (${engine.name})`, () => {
    let s: TestSteward;
    let projectId: string;
    // Whole minutes in the past, so every trace has settled.
    const base = Math.floor((Date.now() - 30 * MINUTE) / 3_600_000) * 3_600_000 + 5 * MINUTE;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: OVERRIDES });
      projectId = s.handle.services.defaultProject.id;
    });
    afterAll(async () => {
      await s.close();
    });
    const series = async (query: string) => (await s.api('GET', `/api/metrics/timeseries?${query}&from=${base - 10 * MINUTE}&to=${base + 10 * MINUTE}`)).body as unknown as Series;

    it('answers latency percentiles, error and cache rates, tokens, cost and feedback per minute and hour', async () => {
      const latencies = Array.from({ length: 200 }, (_, i) => 50 + ((i * 37) % 400));
      const specs = latencies.map((latencyMs, i) => ({ at: base + (i % 2) * MINUTE + i * 10, latencyMs, ttftMs: latencyMs / 4, error: i % 10 === 0, cacheHit: i % 4 === 0, costUsd: 0.002, route: 'chat', keyId: i % 2 ? 'key_b' : 'key_a' }));
      const ids = await insertTraces(s.handle.services.store, projectId, specs);
      await insertTraces(s.handle.services.store, projectId, [{ at: base, latencyMs: 5000, route: 'embed', versionId: 'mv_b' }]);
      // Thumbs on the first four traces: up, down, up, and a 5-star rating → (1 + 0 + 1 + 1) / 4.
      const feedback = [{ thumb: 'up' }, { thumb: 'down' }, { thumb: 'up' }, { rating: 5 }];
      await s.handle.services.store.db
        .insertInto('feedback')
        .values(feedback.map((f, i) => ({ id: newId('fb'), trace_id: ids[i], created_at: Date.now() - 60_000, thumb: f.thumb ?? null, rating: f.rating ?? null, comment: null, correction: null, source: 'api', annotator: null, actor_id: null })))
        .execute();
      const run = await s.api('POST', '/api/metrics/rollups/run');
      expect(run.body).toEqual({ ran: true, traces: 201, feedback: 4 });

      const perMinute = await series('metric=requests&route=chat&step=minute');
      expect(perMinute.data).toEqual([
        { t: new Date(base).toISOString(), value: 100 },
        { t: new Date(base + MINUTE).toISOString(), value: 100 },
      ]);
      const p95 = await series('metric=latency_p95&route=chat&step=hour');
      expect(p95.data).toHaveLength(1);
      expect(p95.data[0].value / quantile(latencies, 0.95)).toBeCloseTo(1, 1);
      const keyB = await series('metric=latency_p50&route=chat&key=key_b&step=hour');
      const bLatencies = latencies.filter((_, i) => i % 2);
      expect(Math.abs(keyB.data[0].value - quantile(bLatencies, 0.5)) / quantile(bLatencies, 0.5)).toBeLessThan(0.03);
      expect((await series('metric=error_rate&route=chat&step=hour')).data[0].value).toBeCloseTo(20 / 200, 10);
      expect((await series('metric=cache_hit_rate&route=chat&step=hour')).data[0].value).toBeCloseTo(50 / 200, 10);
      expect((await series('metric=cost_usd&step=hour')).data[0].value).toBeCloseTo(0.002 * 200 + 0.001, 10);
      expect((await series('metric=tokens&route=chat&step=hour')).data[0].value).toBe(200 * 15);
      expect((await series('metric=feedback_score&route=chat&step=hour')).data[0].value).toBeCloseTo(0.75, 10);
      expect((await series('metric=ttft_p99&route=chat&step=hour')).data[0].value / quantile(latencies.map((l) => l / 4), 0.99)).toBeCloseTo(1, 1);
      expect((await series('metric=latency_p50&model=mv_b&step=minute')).data.map((p) => Math.round(p.value / 50) * 50)).toEqual([5000]);
    });

    it('breaks the range down by route and by model in one read, with percentiles over the whole range', async () => {
      const breakdown = async (by: string) => (await s.api('GET', `/api/metrics/breakdown?by=${by}&step=minute&from=${base - 10 * MINUTE}&to=${base + 10 * MINUTE}`)).body as unknown as { data: BreakdownRow[] };
      const byRoute = (await breakdown('route')).data;
      expect(byRoute.map((row) => [row.name, row.requests, row.errors])).toEqual([['chat', 200, 20], ['embed', 1, 0]]);
      // The minute buckets' histograms merged: the p95 of all 200 calls, not the worse of two minutes.
      const latencies = Array.from({ length: 200 }, (_, i) => 50 + ((i * 37) % 400));
      expect((byRoute[0].latencyP95Ms ?? 0) / quantile(latencies, 0.95)).toBeCloseTo(1, 1);
      expect(byRoute[0]).toMatchObject({ tokens: 200 * 15, errorRate: 0.1 });
      expect(byRoute[0].costUsd).toBeCloseTo(0.002 * 200, 10);
      const byModel = (await breakdown('model')).data;
      expect(byModel.map((row) => [row.name, row.requests])).toEqual([['mv_a', 200], ['mv_b', 1]]);
      // What is not a dimension, and a range the roll-ups cannot answer, are refused with the catalogue's code.
      const bad = await s.api('GET', '/api/metrics/breakdown?by=key');
      expect([bad.status, (bad.body as { error: { code: string } }).error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await s.api('GET', `/api/metrics/breakdown?by=route&from=${base}&to=${base - 1}`)).status).toBe(400);
    });

    it('adds later traces to the same buckets without counting any trace twice', async () => {
      // Traces keep arriving in time order: both land in the second minute, after the first pass's cursor.
      await insertTraces(s.handle.services.store, projectId, [{ at: base + MINUTE + 5000, latencyMs: 100 }, { at: base + MINUTE + 5001, latencyMs: 100 }]);
      const again = await s.api('POST', '/api/metrics/rollups/run');
      expect(again.body).toMatchObject({ traces: 2, feedback: 0 });
      expect((await s.api('POST', '/api/metrics/rollups/run')).body).toMatchObject({ traces: 0 });
      expect((await series('metric=requests&route=chat&step=hour')).data[0].value).toBe(202);
    });

    it('lets one replica roll up at a time', async () => {
      const store = s.handle.services.store;
      await insertTraces(store, projectId, [{ at: base + MINUTE + 6000, latencyMs: 1 }]);
      const a = new RollupWorker({ store, leaseMs: 60_000 });
      const b = new RollupWorker({ store, leaseMs: 60_000 });
      const now = Date.now() + 10 * 60_000;
      const first = await a.runOnce(now);
      expect(first).toMatchObject({ ran: true, traces: 1 });
      expect(await b.runOnce(now)).toEqual({ ran: false, traces: 0, feedback: 0 });
      // After the lease runs out, another replica takes over.
      expect((await b.runOnce(now + 61_000)).ran).toBe(true);
    });

    it('refuses unknown ranges clearly and answers drift-style metric points', async () => {
      const bad = await s.api('GET', '/api/metrics/timeseries?metric=requests&from=yesterday');
      expect(bad.status).toBe(400);
      await s.handle.services.monitoring.metrics.recordPoint({ projectId, metric: 'drift.input_length.statistic', value: 0.3, at: base + 5, route: 'chat' });
      await s.handle.services.monitoring.metrics.recordPoint({ projectId, metric: 'drift.input_length.statistic', value: 0.5, at: base + 10, route: 'chat' });
      const drift = await series('metric=drift.input_length.statistic&step=minute');
      expect(drift.data).toEqual([{ t: new Date(base).toISOString(), value: 0.4 }]);
    });

    it('deletes raw traces past retention and keeps the roll-ups', async () => {
      const store = s.handle.services.store;
      const before = await store.db.selectFrom('traces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(before.n)).toBe(204);
      // 40 days from now every trace written above is past the 30-day retention.
      const result = await s.handle.services.monitoring.metrics.runRetention(Date.now() + 40 * 86_400_000);
      expect(result).toMatchObject({ traces: 204, feedback: 4 });
      expect((await store.db.selectFrom('traces').selectAll().execute()).length).toBe(0);
      expect((await series('metric=requests&route=chat&step=hour')).data[0].value).toBe(203);
      expect((await series('metric=feedback_score&route=chat&step=hour')).data[0].value).toBeCloseTo(0.75, 10);
    });
  });
}
