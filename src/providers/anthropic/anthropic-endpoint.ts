// Where Anthropic calls go and how they authenticate: `x-api-key` and `anthropic-version`.
import type { ProviderConfig } from '../provider-config.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** `${baseUrl}/v1${path}`, accepting a base URL that already ends in `/v1`. */
export function anthropicUrl(config: ProviderConfig, path: '/messages' | '/messages/count_tokens' | '/models'): string {
  const base = config.baseUrl.endsWith('/v1') ? config.baseUrl : `${config.baseUrl}/v1`;
  return `${base}${path}`;
}

export function anthropicHeaders(config: ProviderConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(config.apiKey ? { 'x-api-key': config.apiKey } : {}),
    'anthropic-version': config.anthropic?.version ?? ANTHROPIC_VERSION,
    ...config.headers,
    ...extra,
  };
}
