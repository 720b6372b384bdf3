import { describe, expect, it } from 'vitest';
import { defineAlertRule } from './alert-rule.js';
import { type AlertState, alertFingerprint, initialAlertState, step } from './alert-state.js';
import type { RuleEvaluation } from './evaluate-rule.js';
import { silenceSchema } from './silence.js';

const rule = defineAlertRule({ id: 'lat', name: 'HighLatency', metric: 'latency_ms', condition: { type: 'threshold', op: '>', value: 500 }, windowSeconds: 60, forSeconds: 120, severity: 'critical', channels: ['ops-webhook'], filter: { route: 'chat' } });
const T0 = 1_700_000_000_000;
const ev = (holds: boolean, at: number, observed = holds ? 800 : 300): RuleEvaluation => ({ ruleId: 'lat', at, holds, observed, current: observed, reference: null, noData: false, description: `avg latency_ms ${observed}` });

function run(holdsSequence: boolean[], silences = [] as ReturnType<typeof silenceSchema.parse>[]) {
  let state: AlertState = initialAlertState('lat', { route: 'chat' }, T0);
  const notifications = [];
  for (let i = 0; i < holdsSequence.length; i++) {
    const now = T0 + i * 60_000;
    const r = step(rule, state, ev(holdsSequence[i], now), now, silences);
    state = r.state;
    notifications.push(...r.notifications);
  }
  return { state, notifications };
}

describe('alert state machine', () => {
  it('waits forSeconds in pending, fires once, resolves once', () => {
    const { state, notifications } = run([false, true, true, true, true, true, false, false]);
    // Holds from minute 1; 120 s later (minute 3) it fires; resolves at minute 6.
    expect(notifications.map((n) => [n.status, (n.startsAt - T0) / 60_000, n.endsAt && (n.endsAt - T0) / 60_000])).toEqual([
      ['firing', 3, undefined],
      ['resolved', 3, 6],
    ]);
    expect(notifications[0]).toMatchObject({ ruleName: 'HighLatency', severity: 'critical', channels: ['ops-webhook'], labels: { route: 'chat' }, observed: 800 });
    expect(state.status).toBe('resolved');
    expect(state.history.map((h) => `${h.from}>${h.to}`)).toEqual(['inactive>pending', 'pending>firing', 'firing>resolved']);
  });

  it('returns to inactive without notifying when the condition flaps during pending', () => {
    const { state, notifications } = run([true, false, true, true, false]);
    expect(notifications).toEqual([]);
    expect(state.status).toBe('inactive');
  });

  it('fires immediately with forSeconds 0 and fires again after resolving', () => {
    let state = initialAlertState('lat', {}, T0);
    const r0 = { ...rule, forSeconds: 0 };
    const statuses: string[] = [];
    [true, true, false, true].forEach((holds, i) => {
      const r = step(r0, state, ev(holds, T0 + i * 1000), T0 + i * 1000);
      state = r.state;
      statuses.push(...r.notifications.map((n) => n.status));
    });
    expect(statuses).toEqual(['firing', 'resolved', 'firing']);
  });

  it('silences suppress notifications but not transitions', () => {
    const silence = silenceSchema.parse({ id: 's1', matchers: [{ name: 'alertname', value: 'HighLatency' }, { name: 'route', op: '=~', value: 'ch.*' }], startsAt: T0, endsAt: T0 + 4 * 60_000 });
    const { state, notifications } = run([true, true, true, true, true, false], [silence]);
    // Fires at minute 2 (silenced), resolves at minute 5 (after the silence ended: notified).
    expect(notifications.map((n) => n.status)).toEqual(['resolved']);
    expect(state.history.find((h) => h.to === 'firing')?.silencedBy).toBe('s1');
    const other = silenceSchema.parse({ id: 's2', matchers: [{ name: 'route', value: 'embed' }], startsAt: T0, endsAt: T0 + 1e9 });
    expect(run([true, true, true, true], [other]).notifications.map((n) => n.status)).toEqual(['firing']);
  });

  it('fingerprints ignore label order and the state is plain JSON', () => {
    expect(alertFingerprint('r', { a: '1', b: '2' })).toBe(alertFingerprint('r', { b: '2', a: '1' }));
    expect(alertFingerprint('r', { a: '1' })).not.toBe(alertFingerprint('r', { a: '2' }));
    const { state } = run([true, true, true]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(() => silenceSchema.parse({ id: 'x', matchers: [{ name: 'a', value: 'b' }], startsAt: 5, endsAt: 5 })).toThrow();
  });
});
