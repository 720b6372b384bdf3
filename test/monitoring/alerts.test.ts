// Alerting over the real server: rules and channels through the API, a signed webhook receiver
// that is down at first (retries with backoff, evaluation never waits), pending → firing →
// resolved with one notification each, silences, and the history.
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/monitoring/channels/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from './trace-fixtures.js';

const SECRET = 'whsec-test-0123456789abcdef';

interface Received {
  valid: boolean;
  body: { deliveryId: string; alert: { status: string; ruleName: string; severity: string; observed: number } };
}

async function startReceiver(failFirst: number) {
  const received: Received[] = [];
  let calls = 0;
  // While held, the receiver answers nothing: an evaluation that waited for delivery would never return.
  let held: Promise<void> | undefined;
  let release: () => void = () => undefined;
  const server = createServer(async (req: IncomingMessage, res) => {
    await held;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    calls += 1;
    if (calls <= failFirst) {
      res.writeHead(503).end('down');
      return;
    }
    received.push({ valid: verifyWebhookSignature({ body: text, header: req.headers[SIGNATURE_HEADER] as string | undefined, secret: SECRET }), body: JSON.parse(text) });
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const hold = () => {
    held = new Promise<void>((r) => {
      release = () => {
        held = undefined;
        r();
      };
    });
    return () => release();
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, calls: () => calls, hold, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const engine of ENGINES) {
  describe(`alerts (${engine.name})`, () => {
    let s: TestSteward;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      receiver = await startReceiver(2);
    });
    afterAll(async () => {
      await s.close();
      await receiver.close();
    });

    it('validates rules and channels, and never returns a webhook secret', async () => {
      const bad = await s.api('POST', '/api/alerts/rules', { body: { name: 'x', metric: 'latency_p95', condition: { type: 'threshold', op: '!=', value: 1 }, windowSeconds: -5, severity: 'loud' } });
      expect(bad.status).toBe(400);
      expect((bad.body.error as { message: string }).message).toMatch(/condition\.op.*windowSeconds|windowSeconds.*condition\.op/s);
      const unknownChannel = await s.api('POST', '/api/alerts/rules', { body: { name: 'y', metric: 'error_rate', condition: { type: 'threshold', op: '>', value: 0.1 }, windowSeconds: 60, severity: 'warning', channels: ['nope'] } });
      expect(unknownChannel.status).toBe(404);
      const channel = await s.api('POST', '/api/alerts/channels', { body: { name: 'ops', kind: 'webhook', url: receiver.url, secret: SECRET } });
      expect(channel.status).toBe(201);
      expect(channel.body).toMatchObject({ name: 'ops', kind: 'webhook', signed: true });
      expect(channel.text).not.toContain(SECRET);
      const secrets = await s.api('GET', '/api/secrets');
      expect(secrets.text).not.toContain(SECRET);
      expect((await s.api('POST', '/api/alerts/channels', { body: { name: 'ops', kind: 'log' } })).status).toBe(409);
    });

    it('goes pending, fires once through a flaky webhook, resolves once, and records the history', async () => {
      const projectId = s.handle.services.defaultProject.id;
      const rule = await s.api('POST', '/api/alerts/rules', {
        body: { name: 'SlowChat', metric: 'latency_p95', filter: { route: 'chat' }, condition: { type: 'threshold', op: '>', value: 500 }, windowSeconds: 300, forSeconds: 60, severity: 'critical', channels: ['ops'] },
      });
      expect(rule.status).toBe(201);
      const now = Date.now();
      await insertTraces(s.handle.services.store, projectId, Array.from({ length: 20 }, (_, i) => ({ at: now - 120_000 + i * 1000, latencyMs: 900 + i, route: 'chat' })));
      await s.handle.services.monitoring.metrics.runRollups(now);
      const evaluator = s.handle.services.monitoring.alertEvaluator;
      const t1 = await evaluator.tick(now);
      expect(t1.notifications).toEqual([]);
      expect((await s.api('GET', '/api/alerts/rules')).body.data).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'SlowChat', status: 'pending' })]));
      const release = receiver.hold();
      const t2 = await evaluator.tick(now + 61_000);
      expect(receiver.received).toHaveLength(0);
      release();
      expect(t2.notifications.map((n) => n.status)).toEqual(['firing']);
      expect((await evaluator.tick(now + 90_000)).notifications).toEqual([]);
      expect(await evaluator.drain(15_000)).toBe(true);
      expect(receiver.calls()).toBe(3);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]).toMatchObject({ valid: true, body: { alert: { status: 'firing', ruleName: 'SlowChat', severity: 'critical' } } });
      expect(receiver.received[0].body.alert.observed).toBeGreaterThan(900);

      // Traffic recovers: the window after the slow minutes holds fast requests only.
      const later = now + 10 * 60_000;
      const resolved = await evaluator.tick(later);
      expect(resolved.notifications.map((n) => n.status)).toEqual(['resolved']);
      await evaluator.drain(15_000);
      expect(receiver.received.map((r) => r.body.alert.status)).toEqual(['firing', 'resolved']);
      const events = await s.api('GET', `/api/alerts/events?ruleId=${rule.body.id}`);
      const history = (events.body.data as { kind: string; data: { status?: string; attempts?: number } }[]).reverse();
      expect(history.filter((e) => e.kind !== 'delivered').map((e) => e.kind)).toEqual(['pending', 'firing', 'resolved']);
      const deliveries = history.filter((e) => e.kind === 'delivered').map((e) => [e.data.status, e.data.attempts]);
      expect(deliveries).toEqual([
        ['firing', 3],
        ['resolved', 1],
      ]);
    });

    it('silences notifications but keeps the state changes in the history', async () => {
      const projectId = s.handle.services.defaultProject.id;
      await s.api('POST', '/api/alerts/channels', { body: { name: 'logs', kind: 'log' } });
      const rule = await s.api('POST', '/api/alerts/rules', { body: { name: 'Errors', metric: 'error_rate', filter: { route: 'embed' }, condition: { type: 'threshold', op: '>', value: 0.2 }, windowSeconds: 300, severity: 'warning', channels: ['ops'] } });
      const now = Date.now();
      const silence = await s.api('POST', '/api/alerts/silences', { body: { matchers: [{ name: 'alertname', value: 'Errors' }], endsAt: new Date(now + 3_600_000).toISOString(), comment: 'maintenance' } });
      expect(silence.status).toBe(201);
      await insertTraces(s.handle.services.store, projectId, Array.from({ length: 10 }, (_, i) => ({ at: now - 60_000 + i, latencyMs: 10, route: 'embed', error: i < 5 })));
      await s.handle.services.monitoring.metrics.runRollups(now);
      const before = receiver.received.length;
      const tick = await s.handle.services.monitoring.alertEvaluator.tick(Date.now());
      expect(tick.notifications.filter((n) => n.ruleName === 'Errors')).toEqual([]);
      await s.handle.services.monitoring.alertEvaluator.drain(5000);
      expect(receiver.received.length).toBe(before);
      const events = await s.api('GET', `/api/alerts/events?ruleId=${rule.body.id}`);
      expect(events.body.data).toEqual([expect.objectContaining({ kind: 'firing', silencedBy: silence.body.id })]);
      const expired = await s.api('POST', `/api/alerts/silences/${silence.body.id}/expire`);
      expect(expired.body).toMatchObject({ active: false });
    });
  });
}
