// Builds the UpstreamRequest of one call from the provider's configuration and the call options,
// so every family applies timeouts and the caller's signal the same way.
import type { ProviderConfig } from '../provider-config.js';
import type { CallOptions } from '../spec/index.js';
import type { UpstreamRequest } from './call-upstream.js';

/** What differs between calls: where, with which headers and body. */
export interface UpstreamTarget {
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  method?: 'GET' | 'POST';
}

export function upstreamRequest(config: ProviderConfig, options: CallOptions, target: UpstreamTarget): UpstreamRequest {
  return {
    provider: config.name,
    ...target,
    signal: options.signal,
    timeoutMs: config.timeouts.requestMs,
    idleTimeoutMs: config.timeouts.streamIdleMs,
  };
}
