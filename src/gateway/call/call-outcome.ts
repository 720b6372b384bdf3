// What a call tells its caller besides the answer, as typed values: the limits it was admitted
// under, what the response cache did, and the retirement of the model it reached. The HTTP layer
// turns them into headers (x-ratelimit-*, x-steward-cache, Deprecation/Sunset/Link); nobody here does.

/** One limit of the tightest scope: its size, what is left, and when its window resets. */
export interface LimitReading {
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** The limits a call was admitted under (or the one that refused it); absent dimensions are unlimited. */
export interface LimitStatus {
  requests?: LimitReading;
  tokens?: LimitReading;
  budgetUsd?: LimitReading;
}

export const CACHE_OUTCOMES = ['hit', 'miss', 'bypass'] as const;
/** What the response cache did: answered, missed (and stores the answer), or was skipped by the caller. */
export type CacheOutcome = (typeof CACHE_OUTCOMES)[number];

/** A model being retired: when it was deprecated (null: no date), its sunset, and its successor. */
export interface DeprecationNotice {
  /** Milliseconds since the epoch, or null when deprecated without a date. */
  deprecatedAt: number | null;
  sunsetAt?: number;
  replacement?: string;
}

/** Everything about a call the caller may want to announce. */
export interface CallOutcome {
  limits?: LimitStatus;
  /** Undefined when the route has no cache. */
  cache?: CacheOutcome;
  deprecation?: DeprecationNotice;
}
