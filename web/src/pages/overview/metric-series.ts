// Reads roll-up metrics from /api/metrics/timeseries for one time range (optionally one route or
// model) and refreshes them: the Overview's numbers come from the server's roll-ups, so they are
// right at any traffic volume.
import { useEffect, useState } from 'react';
import { api, withQuery } from '../../api/api-client';
import type { MetricSeries } from '../../api/api-types';
import { type Step, bucketGrid } from './time-ranges';

/** One metric on the bucket grid: null where the roll-ups hold nothing for that bucket. */
export type Series = (number | null)[];

export interface MetricWindow<M extends string> {
  grid: number[];
  series: Record<M, Series> | undefined;
  error: Error | undefined;
}

export interface SeriesQuery<M extends string> {
  metrics: readonly M[];
  rangeMs: number;
  step: Step;
  route?: string;
  model?: string;
  /** Re-read every this many ms (while the tab is visible). */
  refreshMs: number;
  /** False: nothing is read (the API is absent or the caller may not read it). */
  enabled: boolean;
}

export async function readSeries<M extends string>(metrics: readonly M[], from: number, to: number, step: Step, filter: { route?: string; model?: string }, signal?: AbortSignal): Promise<Record<M, Series>> {
  const grid = bucketGrid(from, to, step);
  const index = new Map(grid.map((t, position) => [t, position]));
  const answers = await Promise.all(
    metrics.map((metric) => api<MetricSeries>(withQuery('/api/metrics/timeseries', { metric, step, from, to, route: filter.route, model: filter.model }), { signal })),
  );
  const result = {} as Record<M, Series>;
  metrics.forEach((metric, position) => {
    const values: Series = grid.map(() => null);
    for (const point of answers[position].data) {
      const at = index.get(Date.parse(point.t));
      if (at !== undefined) values[at] = point.value;
    }
    result[metric] = values;
  });
  return result;
}

export function useMetricSeries<M extends string>(query: SeriesQuery<M>): MetricWindow<M> {
  const [state, setState] = useState<MetricWindow<M>>({ grid: [], series: undefined, error: undefined });
  const key = `${query.metrics.join(',')}|${query.rangeMs}|${query.step}|${query.route ?? ''}|${query.model ?? ''}|${query.enabled}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for every field of the query.
  useEffect(() => {
    if (!query.enabled) return;
    let controller = new AbortController();
    let stale = false;
    setState({ grid: [], series: undefined, error: undefined });
    const load = () => {
      const to = Date.now();
      const from = to - query.rangeMs;
      controller = new AbortController();
      readSeries(query.metrics, from, to, query.step, { route: query.route, model: query.model }, controller.signal)
        .then((series) => {
          if (!stale) setState({ grid: bucketGrid(from, to, query.step), series, error: undefined });
        })
        .catch((caught: unknown) => {
          if (!stale && !controller.signal.aborted) setState((previous) => ({ ...previous, error: caught instanceof Error ? caught : new Error(String(caught)) }));
        });
    };
    load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, query.refreshMs);
    return () => {
      stale = true;
      controller.abort();
      window.clearInterval(timer);
    };
  }, [key]);
  return state;
}

/** The sum of a series (counts, tokens, cost). */
export function total(series: Series | undefined): number {
  return (series ?? []).reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

/** The largest value of a series, null when it is empty. */
export function worst(series: Series | undefined): number | null {
  const values = (series ?? []).filter((value): value is number => value !== null);
  return values.length ? Math.max(...values) : null;
}

/** The mean of `series` weighted by `weights` (per-bucket averages into the average of the range). */
export function weightedMean(series: Series | undefined, weights: Series | undefined): number | null {
  let sum = 0;
  let weight = 0;
  (series ?? []).forEach((value, index) => {
    const w = weights?.[index] ?? 0;
    if (value !== null && w > 0) {
      sum += value * w;
      weight += w;
    }
  });
  return weight > 0 ? sum / weight : null;
}
