// How long to wait before a retry: exponential backoff with full jitter, never shorter than what the
// upstream asked for in retry-after, never longer than the cap.

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (1 for the first retry).
 * @param random a number in [0, 1) (injected for tests)
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, retryAfterSeconds?: number, random: number = Math.random()): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = ceiling / 2 + (random * ceiling) / 2;
  const asked = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000;
  return Math.round(Math.min(Math.max(jittered, asked), Math.max(options.maxDelayMs, asked)));
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
