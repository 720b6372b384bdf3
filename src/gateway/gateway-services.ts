// Everything the gateway runs, as the server holds it: the Gateway itself and the services around it.
import type { FeedbackService } from '../feedback/index.js';
import type { TraceService, TraceWriter } from '../monitoring/traces/index.js';
import type { BatchService, FileStore } from './batch/index.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { Gateway } from './gateway.js';
import type { GatewaySettings } from './gateway-settings.js';
import type { KeyLimits } from './limits/key-limits.js';
import type { LimitEnforcer } from './limits/limit-enforcer.js';
import type { PriceTable } from './limits/price-table.js';
import type { ModelResolver } from './model-resolver.js';
import type { ProviderRegistry } from './providers/provider-registry.js';
import type { ProviderModelResolver } from './providers/provider-resolver.js';
import type { ProviderService } from './providers/provider-service.js';
import type { RouteService } from './routes/route-service.js';

export interface GatewayServices {
  gateway: Gateway;
  settings: GatewaySettings;
  registry: ProviderRegistry;
  providers: ProviderService;
  routes: RouteService;
  limits: LimitEnforcer;
  keyLimits: KeyLimits;
  prices: PriceTable;
  cache: ResponseCache;
  traceWriter: TraceWriter;
  traces: TraceService;
  feedback: FeedbackService;
  files: FileStore;
  batches: BatchService;
  /** Resolvers asked after `provider/model`, in order; push one to add it (the registry's is first). */
  resolvers: ModelResolver[];
  providerResolver: ProviderModelResolver;
}
