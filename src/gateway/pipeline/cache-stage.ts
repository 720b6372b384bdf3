// The cache stage, one for unary calls and streams: the key of a call (none when the route caches
// nothing or the caller bypasses), the lookup, and the store of a finished answer off the path.
import type { TraceEndpoint } from '../../monitoring/traces/index.js';
import type { CacheDirective } from '../call/call-options.js';
import type { CacheOutcome } from '../call/call-outcome.js';
import type { CallAnswer, CallRequest } from '../call/call-record.js';
import { cacheKey } from '../cache/cache-key.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { CallPlan } from './call-plan.js';

/** A call's cache: its key (undefined: no lookup, no store) and what happened, for the outcome. */
export interface CacheSlot {
  key: string | undefined;
  outcome: CacheOutcome | undefined;
  ttlMs: number;
}

const NO_CACHE: CacheSlot = Object.freeze({ key: undefined, outcome: undefined, ttlMs: 0 });

export class CacheStage {
  readonly #cache: ResponseCache;
  readonly #onError: (error: unknown) => void;

  constructor(cache: ResponseCache, onError: (error: unknown) => void) {
    this.#cache = cache;
    this.#onError = onError;
  }

  slot(endpoint: TraceEndpoint, plan: CallPlan, request: CallRequest, directive: CacheDirective | undefined): CacheSlot {
    const route = plan.route;
    if (!route?.config.cache.enabled) return NO_CACHE;
    if (directive === 'bypass') return { key: undefined, outcome: 'bypass', ttlMs: 0 };
    // The route's project is part of the scope: two projects' `chat` revision 1 never share answers.
    return { key: cacheKey(endpoint, `${route.projectId}/${route.name}@${route.revision}`, request), outcome: 'miss', ttlMs: route.config.cache.ttlSeconds * 1000 };
  }

  /** The cached answer, or undefined (a cache that fails is a miss). Marks the slot a hit. */
  async lookup<A extends CallAnswer>(slot: CacheSlot): Promise<A | undefined> {
    if (slot.key === undefined) return undefined;
    const cached = await this.#cache.get(slot.key).catch(() => undefined);
    if (cached === undefined) return undefined;
    slot.outcome = 'hit';
    return JSON.parse(cached) as A;
  }

  /** Stores a fresh answer in the background. */
  store(slot: CacheSlot, answer: CallAnswer): void {
    if (slot.key === undefined) return;
    this.#cache.set(slot.key, JSON.stringify(answer), slot.ttlMs).catch(this.#onError);
  }
}
