import { describe, expect, it } from 'vitest';
import type { RouteConfig } from '../gateway/index.js';
import { RouteConfigSchema } from '../gateway/index.js';
import { diffValues } from './route-diff.js';
import { findRouteCycle } from './route-graph.js';
import { DEFAULT_GUARDS, checkGuards, configAtStep } from './rollout-plan.js';
import type { RouteSample } from './route-samples.js';

const route = (targets: { model: string; weight?: number }[], policy = 'weighted'): RouteConfig => RouteConfigSchema.parse({ name: 'r', policy, targets });
const sample = (failed: boolean, latencyMs = 100, feedback: number | null = null): RouteSample => ({ traceId: 't', at: 0, provider: 'p', model: 'm', versionId: null, failed, latencyMs, costUsd: 0, feedback });

describe('rollout plan', () => {
  it('splits the rest of the traffic over the baseline targets in proportion', () => {
    const config = configAtStep(route([{ model: 'a', weight: 3 }, { model: 'b', weight: 1 }]), 'new', 20);
    expect(config.targets).toEqual([
      { model: 'a', weight: 60 },
      { model: 'b', weight: 20 },
      { model: 'new', weight: 20 },
    ]);
    const fromSingle = configAtStep(route([{ model: 'a' }], 'single'), 'new', 5);
    expect(fromSingle).toMatchObject({ policy: 'weighted', targets: [{ model: 'a', weight: 95 }, { model: 'new', weight: 5 }] });
  });

  it('breaks on error rate, p95 latency and feedback relative to the baseline', () => {
    const base = Array.from({ length: 20 }, (_, i) => sample(false, 100 + i, 1));
    expect(checkGuards(Array.from({ length: 10 }, () => sample(false, 105, 1)), base, DEFAULT_GUARDS).ok).toBe(true);
    expect(checkGuards([...Array.from({ length: 8 }, () => sample(false)), sample(true), sample(true)], base, DEFAULT_GUARDS).reason).toMatch(/error rate/);
    expect(checkGuards(Array.from({ length: 10 }, () => sample(false, 500, 1)), base, DEFAULT_GUARDS).reason).toMatch(/p95/);
    expect(checkGuards(Array.from({ length: 10 }, () => sample(false, 100, 0)), base, DEFAULT_GUARDS).reason).toMatch(/feedback/);
  });

  it('finds cycles between routes and diffs configs by path', () => {
    const routes = new Map([['b', { name: 'b', targets: [{ model: 'c' }] }], ['c', { name: 'c', targets: [{ model: 'a' }] }]]);
    expect(findRouteCycle({ name: 'a', targets: [{ model: 'openai/x' }, { model: 'b' }] }, (n) => routes.get(n))).toEqual(['a', 'b', 'c', 'a']);
    expect(findRouteCycle({ name: 'a', targets: [{ model: 'openai/x' }] }, (n) => routes.get(n))).toBeNull();
    expect(diffValues({ x: 1, t: [{ m: 'a' }] }, { x: 2, t: [{ m: 'a' }, { m: 'b' }], y: true })).toEqual([
      { path: 't.1', kind: 'added', after: { m: 'b' } },
      { path: 'x', kind: 'changed', before: 1, after: 2 },
      { path: 'y', kind: 'added', after: true },
    ]);
  });
});
