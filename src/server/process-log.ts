// Log lines of the services that run before (and beside) the HTTP server's logger: one JSON line per
// message on stderr in pino's shape, at the configured level. Repeated failures of the same kind are
// rate-limited by their callers (see RateLimitedLog), never printed once per occurrence.
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY } as const;

export type LogLevel = keyof typeof LEVELS;

export type ProcessLog = (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => void;

export function createProcessLog(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): ProcessLog {
  const threshold = LEVELS[level];
  return (at, message, error) => {
    if (LEVELS[at] < threshold) return;
    const err = error instanceof Error ? { type: error.name, message: error.message } : error === undefined ? undefined : { message: String(error) };
    write(`${JSON.stringify({ level: LEVELS[at], time: Date.now(), pid: process.pid, msg: message, ...(err ? { err } : {}) })}\n`);
  };
}

/**
 * A log for a failure that may repeat many times a second (a store that is away): the first one is
 * logged at once, later ones at most every `everyMs` with how many happened since.
 */
export function rateLimitedLog(log: ProcessLog, message: string, everyMs = 30_000, now: () => number = Date.now): (error: unknown) => void {
  let nextAt = 0;
  let suppressed = 0;
  return (error) => {
    const at = now();
    if (at < nextAt) {
      suppressed += 1;
      return;
    }
    nextAt = at + everyMs;
    log('warn', suppressed > 0 ? `${message} (${suppressed} more since the last report)` : message, error);
    suppressed = 0;
  };
}
