import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import { RouteLimitsSchema } from '../routes/route-config.js';
import { LimitEnforcer, formatReset } from './limit-enforcer.js';
import { periodWindow } from './limit-windows.js';
import { MemoryCounterStore } from './memory-counter-store.js';

const worst = (tokens: number, costUsd = 0) => ({ promptTokens: tokens, outputTokens: 0, tokens, costUsd });
const codeOf = (error: unknown) => (error as StewardError).code;

describe('LimitEnforcer', () => {
  // An injected clock: windows and reservation expiry follow it, not the wall clock.
  const at = Date.UTC(2026, 5, 1, 12, 0, 30);
  it('refuses the request over the per-minute limit and does not count the refusal', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'key' as const, id: 'k', limits: RouteLimitsSchema.parse({ requestsPerMinute: 2 }) };
    expect((await enforcer.admit([scope], worst(0), at)).limits.requests?.remaining).toBe(1);
    await enforcer.admit([scope], worst(0), at);
    const error = await enforcer.admit([scope], worst(0), at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect(codeOf(error)).toBe('RATE_LIMITED');
    expect((error as StewardError).retryAfterSeconds).toBe(30);
    expect((await enforcer.usage(scope, at)).requests.used).toBe(2);
    expect((await enforcer.admit([scope], worst(0), at + 30_000)).limits.requests).toMatchObject({ remaining: 1 });
  });

  it('reserves the worst case, so parallel admissions cannot all pass a budget none of them has spent yet', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'key' as const, id: 'k', limits: RouteLimitsSchema.parse({ budgetUsd: 4.4, budgetPeriod: 'day' }) };
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => enforcer.admit([scope], worst(10, 0.8), at)));
    const admitted = outcomes.filter((o) => o.status === 'fulfilled');
    expect(admitted).toHaveLength(5);
    expect((await enforcer.usage(scope, at)).spendUsd).toMatchObject({ used: 0, reserved: 4 });
    // Each settles for less than its worst case: the reservation is released, the actual counted.
    for (const a of admitted) await (a as PromiseFulfilledResult<Awaited<ReturnType<LimitEnforcer['admit']>>>).value.settle({ tokens: 5, costUsd: 0.5 });
    const usage = await enforcer.usage(scope, at);
    expect(usage.spendUsd.used).toBeCloseTo(2.5);
    expect(usage.spendUsd.reserved).toBe(0);
    expect(usage.spendUsd.remaining).toBeCloseTo(1.9);
  });

  it('refuses up front a request whose worst case alone exceeds what is left, and says so', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'key' as const, id: 'k', limits: RouteLimitsSchema.parse({ budgetUsd: 1, budgetPeriod: 'day', tokensPerMinute: 100 }) };
    const dear = await enforcer.admit([scope], { promptTokens: 20, outputTokens: 10, tokens: 30, costUsd: 1.5 }, at).catch((e: unknown) => e);
    expect(codeOf(dear)).toBe('BUDGET_EXCEEDED');
    expect((dear as StewardError).message).toMatch(/worst case of this request, \$1\.5 .*exceeds the \$1 left/);
    const long = await enforcer.admit([scope], worst(150), at).catch((e: unknown) => e);
    expect(codeOf(long)).toBe('RATE_LIMITED');
    expect((long as StewardError).message).toMatch(/worst case of this request, 150 tokens/);
  });

  it('releases a reservation that never settles once it expires', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore(), { reservationTtlMs: 5_000 });
    const scope = { kind: 'route' as const, id: 'r', limits: RouteLimitsSchema.parse({ tokensPerMinute: 100 }) };
    await enforcer.admit([scope], worst(80), at);
    expect(codeOf(await enforcer.admit([scope], worst(80), at + 1_000).catch((e: unknown) => e))).toBe('RATE_LIMITED');
    await enforcer.admit([scope], worst(80), at + 5_001);
  });

  it('refuses once tokens per minute or the budget are used up', async () => {
    const enforcer = new LimitEnforcer(new MemoryCounterStore());
    const scope = { kind: 'route' as const, id: 'r', limits: RouteLimitsSchema.parse({ tokensPerMinute: 100, budgetUsd: 0.5, budgetPeriod: 'day' }) };
    const admission = await enforcer.admit([scope], worst(10, 0.01), at);
    await admission.settle({ tokens: 100, costUsd: 0.1 });
    expect(codeOf(await enforcer.admit([scope], worst(1), at).catch((e: unknown) => e))).toBe('RATE_LIMITED');
    await enforcer.record([scope], 0, 0.5, at + 60_000);
    const spent = await enforcer.admit([scope], worst(1, 0.01), at + 60_000).catch((e: unknown) => e);
    expect(codeOf(spent)).toBe('BUDGET_EXCEEDED');
    expect((spent as StewardError).message).toMatch(/spent its budget/);
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
