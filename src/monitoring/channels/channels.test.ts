import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertNotification } from '../alerts/index.js';
import { type AlertChannel, ChannelDeliveryError } from './alert-channel.js';
import { LogChannel } from './log-channel.js';
import { type DeliveryFailure, NotificationDispatcher } from './notification-dispatcher.js';
import { SlackChannel, formatSlackMessage } from './slack-channel.js';
import { WebhookChannel } from './webhook-channel.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature.js';

const notification: AlertNotification = {
  fingerprint: 'lat{route="chat"}',
  ruleId: 'lat',
  ruleName: 'HighLatency',
  metric: 'latency_ms',
  status: 'firing',
  severity: 'critical',
  labels: { route: 'chat' },
  observed: 812,
  description: 'avg latency_ms 812 > 500',
  startsAt: 1_700_000_000_000,
  channels: ['ops'],
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 that answers `failFirst` requests with 503, then 200. */
async function startReceiver(failFirst: number, status = 503): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length <= failFirst ? status : 200;
      res.end(res.statusCode === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('WebhookChannel through the dispatcher', () => {
  it('retries a failing receiver with backoff and delivers a verifiable signed body once it recovers', async () => {
    const receiver = await startReceiver(2);
    servers.push(receiver.server);
    const delivered: number[] = [];
    const dispatcher = new NotificationDispatcher({
      channels: [new WebhookChannel({ name: 'ops', url: receiver.url, secret: 'whsec' })],
      baseDelayMs: 20,
      onDelivered: (d) => delivered.push(d.attempts),
    });
    const started = Date.now();
    dispatcher.dispatch(notification);
    expect(dispatcher.stats().inFlight + dispatcher.stats().queued).toBe(1);
    expect(await dispatcher.drain(5000)).toBe(true);
    expect(delivered).toEqual([3]);
    // Backoffs of at least 10 ms and 20 ms (equal jitter: half of 20 and 40).
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    expect(dispatcher.stats()).toMatchObject({ delivered: 1, failed: 0, retries: 2, queued: 0 });
    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2];
    expect(verifyWebhookSignature({ body: last.body, header: last.headers[SIGNATURE_HEADER] as string, secret: 'whsec' })).toBe(true);
    expect(verifyWebhookSignature({ body: last.body, header: last.headers[SIGNATURE_HEADER] as string, secret: 'wrong' })).toBe(false);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({ type: 'steward.alert', version: 1, alert: { ruleName: 'HighLatency', status: 'firing' } });
    // Every retry carries the same delivery id, so the receiver can de-duplicate.
    expect(new Set(receiver.received.map((r) => r.headers['steward-delivery-id'])).size).toBe(1);
  });

  it('reports exhausted retries and does not retry a 400', async () => {
    const down = await startReceiver(100);
    const rejecting = await startReceiver(100, 400);
    servers.push(down.server, rejecting.server);
    const failures: DeliveryFailure[] = [];
    const dispatcher = new NotificationDispatcher({
      channels: [new WebhookChannel({ name: 'down', url: down.url }), new WebhookChannel({ name: 'bad', url: rejecting.url })],
      baseDelayMs: 5,
      maxAttempts: 3,
      onFailure: (f) => failures.push(f),
    });
    dispatcher.dispatch({ ...notification, channels: ['down', 'bad', 'missing'] });
    await dispatcher.drain(5000);
    const byChannel = Object.fromEntries(failures.map((f) => [f.channel, f]));
    expect(byChannel.down).toMatchObject({ reason: 'exhausted', attempts: 3 });
    expect(byChannel.down.error).toMatch(/503/);
    expect(byChannel.bad).toMatchObject({ reason: 'not_retryable', attempts: 1 });
    expect(byChannel.missing).toMatchObject({ reason: 'unknown_channel', attempts: 0 });
    expect(down.received).toHaveLength(3);
    expect(rejecting.received).toHaveLength(1);
    expect(dispatcher.stats().failed).toBe(3);
  });
});

describe('NotificationDispatcher queue', () => {
  it('never blocks the caller, bounds the queue and drops the oldest', async () => {
    const release: (() => void)[] = [];
    const sent: string[] = [];
    const slow: AlertChannel = {
      name: 'slow',
      kind: 'log',
      send: (n) =>
        new Promise<void>((resolve) => {
          release.push(() => {
            sent.push(n.ruleId);
            resolve();
          });
        }),
    };
    const failures: DeliveryFailure[] = [];
    const dispatcher = new NotificationDispatcher({ channels: [slow], concurrency: 1, maxQueue: 3, onFailure: (f) => failures.push(f) });
    // dispatch returns at once (nothing is awaited) although no delivery has finished.
    for (let i = 0; i < 10; i++) expect(dispatcher.dispatch({ ...notification, ruleId: `r${i}`, channels: ['slow'] })).toBeUndefined();
    expect(sent).toEqual([]);
    // r0 is in flight; the queue holds the 3 newest; 6 were dropped.
    expect(dispatcher.stats()).toMatchObject({ inFlight: 1, queued: 3, dropped: 6 });
    expect(failures.filter((f) => f.reason === 'dropped').map((f) => f.notification.ruleId)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    const drained = dispatcher.drain(2000);
    const pump = setInterval(() => release.shift()?.(), 5);
    expect(await drained).toBe(true);
    clearInterval(pump);
    expect(sent).toEqual(['r0', 'r7', 'r8', 'r9']);
  });

  it('close() aborts what cannot finish and reports it', async () => {
    const hanging: AlertChannel = {
      name: 'hang',
      kind: 'webhook',
      send: (_n, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new ChannelDeliveryError({ channel: 'hang', message: 'aborted', retryable: true })))),
    };
    const failures: DeliveryFailure[] = [];
    const dispatcher = new NotificationDispatcher({ channels: [hanging], onFailure: (f) => failures.push(f) });
    dispatcher.dispatch({ ...notification, channels: ['hang'] });
    await dispatcher.close(50);
    await vi.waitFor(() => expect(failures.map((f) => f.reason)).toEqual(['closed']));
    dispatcher.dispatch({ ...notification, channels: ['hang'] });
    expect(failures.map((f) => f.reason)).toEqual(['closed', 'closed']);
  });
});

describe('SlackChannel and LogChannel', () => {
  it('posts { text, blocks } with escaped mrkdwn', async () => {
    const receiver = await startReceiver(0);
    servers.push(receiver.server);
    const n = { ...notification, description: 'p95 <script> & more' };
    await new SlackChannel({ name: 'slack', url: receiver.url }).send(n, new AbortController().signal);
    const body = JSON.parse(receiver.received[0].body);
    expect(body.text).toContain('CRITICAL: HighLatency');
    expect(body.blocks[1].text.text).toContain('&lt;script&gt; &amp; more');
    expect(formatSlackMessage({ ...n, status: 'resolved', endsAt: n.startsAt + 60_000 }).text).toMatch(/^:white_check_mark: RESOLVED/);
  });

  it('writes one structured line at a level matching the severity', async () => {
    const lines: [string, Record<string, unknown>, string][] = [];
    const logger = {
      info: (f: Record<string, unknown>, m: string) => lines.push(['info', f, m]),
      warn: (f: Record<string, unknown>, m: string) => lines.push(['warn', f, m]),
      error: (f: Record<string, unknown>, m: string) => lines.push(['error', f, m]),
    };
    const channel = new LogChannel({ name: 'log', logger });
    await channel.send(notification);
    await channel.send({ ...notification, status: 'resolved' });
    expect(lines.map((l) => l[0])).toEqual(['error', 'info']);
    expect(lines[0][1]).toMatchObject({ event: 'alert', ruleId: 'lat', severity: 'critical' });
    expect(lines[0][2]).toBe('alert firing: HighLatency — avg latency_ms 812 > 500');
  });
});
