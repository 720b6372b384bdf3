// Reads an API path into React state, optionally refreshing every few seconds (live pages).
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api } from './api-client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Fetches `path` (null: nothing to fetch yet). With `refreshMs`, fetches again on that period and
 * keeps showing the last data while it does, so live charts do not flicker.
 */
export function useApi<T>(path: string | null, options: { refreshMs?: number } = {}): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const lastPath = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the refresh trigger and must re-run the fetch.
  useEffect(() => {
    if (path === null) {
      setData(undefined);
      setLoading(false);
      return;
    }
    if (lastPath.current !== path) {
      setData(undefined);
      lastPath.current = path;
    }
    const controller = new AbortController();
    setLoading(true);
    api<T>(path, { signal: controller.signal })
      .then((value) => {
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof Error ? caught : new Error(String(caught)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, tick]);

  useEffect(() => {
    if (!options.refreshMs || path === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((value) => value + 1);
    }, options.refreshMs);
    return () => window.clearInterval(timer);
  }, [options.refreshMs, path]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload };
}
