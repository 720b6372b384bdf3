// The gateway: the OpenAI-compatible data plane — routing, prompts, retries and fallbacks,
// throttling, limits and budgets, response cache, privacy and traces — behind one Gateway facade
// over the stages of ./pipeline, with observers of finished calls in ./observe.
export { Gateway, type GatewayDeps, type TargetStats } from './gateway.js';
export * from './call/index.js';
export type { CallObserver } from './observe/index.js';
export type { GatewayServices } from './gateway-services.js';
export { GatewaySettingsSchema, type GatewaySettings } from './gateway-settings.js';
export { CallPlanner, type CallPlan, type PlannedTarget, type PromptRenderer } from './pipeline/index.js';
export { resolveModel, type ModelResolver, type ResolvedModel, type ModelDeprecation } from './model-resolver.js';
export { ProviderRegistry, instantiateProvider, withoutSecret, PROVIDER_SOURCES, type ProviderSource, type RegisteredProvider } from './providers/provider-registry.js';
export { ProviderModelResolver } from './providers/provider-resolver.js';
export { ProviderService, PROVIDERS_TOPIC, type ProviderSummary } from './providers/provider-service.js';
export {
  RouteConfigSchema,
  RouteTargetSchema,
  RouteLimitsSchema,
  ROUTE_POLICIES,
  STICKY_KEYS,
  BUDGET_PERIODS,
  MID_STREAM_FAILOVERS,
  fallsBack,
  midStreamFailover,
  type MidStreamFailover,
  type RouteConfig,
  type RouteConfigInput,
  type RouteTarget,
  type RouteLimits,
  type RoutePolicy,
  type BudgetPeriod,
} from './routes/route-config.js';
export { RouteService, ROUTES_TOPIC, routeChangeId, type Route, type RouteRevision } from './routes/route-service.js';
export { orderTargets, stickyFraction } from './routes/target-order.js';
export { LimitEnforcer, formatReset, type LimitScope, type LimitUsage } from './limits/limit-enforcer.js';
export type { CounterStore } from './limits/counter-store.js';
export { MemoryCounterStore } from './limits/memory-counter-store.js';
export { RedisCounterStore } from './limits/redis-counter-store.js';
export { KeyLimits, KEY_LIMITS_TOPIC } from './limits/key-limits.js';
export { PriceTable, PRICES_TOPIC, type Price } from './limits/price-table.js';
export type { ResponseCache } from './cache/response-cache.js';
export { MemoryResponseCache } from './cache/memory-response-cache.js';
export { RedisResponseCache } from './cache/redis-response-cache.js';
export { cacheKey } from './cache/cache-key.js';
export { CircuitBreaker, type CircuitState } from './resilience/circuit-breaker.js';
export { ConcurrencyGate, QueueFullError } from './resilience/concurrency-gate.js';
export { backoffDelayMs } from './resilience/backoff.js';
export { ChatStreamAssembler, TextStreamAssembler, chatCompletionToChunks, textCompletionToChunks } from './stream-assembly.js';
export { BatchService, FileStore, type BatchObject, type FileObject } from './batch/index.js';
