import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import { RouteLimitsSchema } from '../routes/route-config.js';
import { LimitEnforcer, formatReset } from './limit-enforcer.js';
import { periodWindow } from './limit-windows.js';
import { MemoryCounterStore } from './memory-counter-store.js';

describe('LimitEnforcer', () => {
  // Counters expire by the wall clock, so the test works in the current minute.
  const at = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
  it('refuses the request over the per-minute limit and does not count the refusal', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'key' as const, id: 'k', limits: RouteLimitsSchema.parse({ requestsPerMinute: 2 }) };
    expect((await enforcer.admit([scope], at))['x-ratelimit-remaining-requests']).toBe('1');
    await enforcer.admit([scope], at);
    const error = await enforcer.admit([scope], at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe('RATE_LIMITED');
    expect((error as StewardError).retryAfterSeconds).toBe(30);
    expect((await enforcer.usage(scope, at)).requests.used).toBe(2);
    expect(await enforcer.admit([scope], at + 30_000)).toMatchObject({ 'x-ratelimit-remaining-requests': '1' });
  });
  it('refuses once tokens per minute or the budget are used up', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'route' as const, id: 'r', limits: RouteLimitsSchema.parse({ tokensPerMinute: 100, budgetUsd: 0.5, budgetPeriod: 'day' }) };
    await enforcer.admit([scope], at);
    await enforcer.record([scope], 100, 0.1, at);
    expect(((await enforcer.admit([scope], at).catch((e: unknown) => e)) as StewardError).code).toBe('RATE_LIMITED');
    await enforcer.record([scope], 0, 0.5, at + 60_000);
    expect(((await enforcer.admit([scope], at + 60_000).catch((e: unknown) => e)) as StewardError).code).toBe('BUDGET_EXCEEDED');
  });
});

describe('windows', () => {
  it('formats resets like OpenAI and ends months on the first of the next', () => {
    expect(formatReset(1_500)).toBe('2s');
    expect(formatReset(361_000)).toBe('6m1s');
    expect(periodWindow('month', Date.UTC(2026, 11, 31, 23)).resetAt).toBe(Date.UTC(2027, 0, 1));
    expect(new Date(periodWindow('week', Date.UTC(2026, 0, 15)).resetAt).getUTCDay()).toBe(1);
  });
});
