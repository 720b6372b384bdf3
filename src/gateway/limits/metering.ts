// The gateway's two accounting steps, kept out of the call path's code: admit (reserve the worst
// case against every limit of the call's scopes) and settle (price the actual usage and release the
// reservation). Every surface that goes through the gateway — chat, completions, embeddings, streams,
// batches, cached answers, evaluation and training calls — passes both steps.
import type { ChatRequest, CompletionRequest, EmbeddingRequest } from '../../providers/spec/index.js';
import type { LimitStatus } from '../call/call-outcome.js';
import type { CallPlan, PlannedTarget } from '../pipeline/call-plan.js';
import type { Admission, LimitEnforcer, LimitScope } from './limit-enforcer.js';
import type { PriceTable } from './price-table.js';
import { type WorstCase, outputTokensUpperBound, promptTokensUpperBound } from './worst-case.js';

export interface MeteringSettings {
  /** Output tokens reserved for a request without max_tokens / max_completion_tokens. */
  maxOutputTokens: number;
  /** Whether an answer from the response cache costs nothing or the price of a fresh call. */
  cachedHits: 'free' | 'priced';
}

/** The accounting of one admitted call. */
export interface Meter {
  /** The limits of the tightest scope; undefined when no scope is limited. */
  limits: LimitStatus | undefined;
  /** What the call used costs by the price table (0 for a free cached hit or an unpriced model). */
  price(target: PlannedTarget | undefined, tokensIn: number, tokensOut: number, cacheHit: boolean): number;
  /** Releases the reservation and counts the usage; only the first call counts. A free cached hit counts no tokens. */
  settle(tokensIn: number, tokensOut: number, costUsd: number, cacheHit: boolean): Promise<void>;
}

function limited(scopes: readonly LimitScope[]): boolean {
  for (const { limits } of scopes) if (limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined || limits.budgetUsd !== undefined) return true;
  return false;
}

export class Metering {
  readonly #limits: LimitEnforcer;
  readonly #prices: PriceTable;
  readonly #settings: MeteringSettings;

  constructor(options: { limits: LimitEnforcer; prices: PriceTable; settings: MeteringSettings }) {
    this.#limits = options.limits;
    this.#prices = options.prices;
    this.#settings = options.settings;
  }

  /** The worst case of a call over every target it may reach. */
  worstCase(plan: CallPlan, request: ChatRequest | CompletionRequest | EmbeddingRequest): WorstCase {
    const promptTokens = promptTokensUpperBound(request);
    let outputTokens = 0;
    let costUsd = 0;
    for (const target of plan.targets) {
      const output = outputTokensUpperBound(request, target.params ?? target.resolved.params, this.#settings.maxOutputTokens);
      outputTokens = Math.max(outputTokens, output);
      costUsd = Math.max(costUsd, this.#prices.cost(target.projectId, target.resolved.provider, target.resolved.model, promptTokens, output));
    }
    return { promptTokens, outputTokens, tokens: promptTokens + outputTokens, costUsd };
  }

  /**
   * Admits a call: reserves its worst case under every limited scope.
   * @throws GatewayCallError RATE_LIMITED or BUDGET_EXCEEDED (429)
   */
  async admit(scopes: readonly LimitScope[], plan: CallPlan, request: ChatRequest | CompletionRequest | EmbeddingRequest): Promise<Meter> {
    const admission = limited(scopes) ? await this.#limits.admit(scopes, this.worstCase(plan, request)) : undefined;
    return new CallMeter(this.#limits, this.#prices, this.#settings, scopes, plan, admission);
  }
}

/** One call's meter (a class, not closures: one allocation per call on the hot path). */
class CallMeter implements Meter {
  readonly limits: LimitStatus | undefined;
  readonly #enforcer: LimitEnforcer;
  readonly #prices: PriceTable;
  readonly #settings: MeteringSettings;
  readonly #scopes: readonly LimitScope[];
  readonly #plan: CallPlan;
  readonly #admission: Admission | undefined;
  #finished = false;

  constructor(enforcer: LimitEnforcer, prices: PriceTable, settings: MeteringSettings, scopes: readonly LimitScope[], plan: CallPlan, admission: Admission | undefined) {
    this.#enforcer = enforcer;
    this.#prices = prices;
    this.#settings = settings;
    this.#scopes = scopes;
    this.#plan = plan;
    this.#admission = admission;
    this.limits = admission?.limits;
  }

  price(target: PlannedTarget | undefined, tokensIn: number, tokensOut: number, cacheHit: boolean): number {
    const free = cacheHit && this.#settings.cachedHits === 'free';
    const priced = free ? undefined : cacheHit ? (target ?? this.#plan.targets[0]) : target;
    return priced ? this.#prices.cost(priced.projectId, priced.resolved.provider, priced.resolved.model, tokensIn, tokensOut) : 0;
  }

  settle(tokensIn: number, tokensOut: number, costUsd: number, cacheHit: boolean): Promise<void> {
    if (this.#finished) return Promise.resolve();
    this.#finished = true;
    const tokens = cacheHit && this.#settings.cachedHits === 'free' ? 0 : tokensIn + tokensOut;
    if (this.#admission) return this.#admission.settle({ tokens, costUsd });
    return tokens > 0 || costUsd > 0 ? this.#enforcer.record(this.#scopes, tokens, costUsd) : Promise.resolve();
  }
}
