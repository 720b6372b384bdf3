// Structured logs an operator can read: an upstream failure is one warn line carrying the trace id
// the client saw, with no stack (the stack is at debug); nothing is logged at error for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';
import { ENGINES } from '../harness/engines.js';

interface LogLine {
  level: number;
  msg: string;
  traceId?: string;
  code?: string;
  err?: { stack?: string };
}

describe('request failure logs', () => {
  let fx: GatewayFixture;
  const lines: LogLine[] = [];
  beforeAll(async () => {
    fx = await startGatewayFixture(ENGINES[0], { logger: { level: 'debug', stream: { write: (line) => void lines.push(JSON.parse(line) as LogLine) } } });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('logs an upstream failure at warn with its trace id and no stack; the stack only at debug', async () => {
    fx.mock.setBehaviour({ mode: 'fail', status: 500 });
    const response = await fetch(`${fx.steward.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.serviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBeGreaterThanOrEqual(500);
    const traceId = response.headers.get('x-steward-trace-id');
    expect(traceId).toBeTruthy();
    const mine = lines.filter((l) => l.traceId === traceId);
    const warns = mine.filter((l) => l.level === 40);
    expect(warns).toHaveLength(1);
    expect(warns[0].code).toMatch(/^UPSTREAM_/);
    expect(JSON.stringify(warns[0])).not.toContain('"stack"');
    expect(mine.filter((l) => l.level === 20 && l.err?.stack)).toHaveLength(1);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
