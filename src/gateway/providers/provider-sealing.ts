// Which parts of a provider's configuration are credentials, and how they are kept apart from the
// stored configuration: the API key and the extra header values (often `Authorization` or a gateway
// token) live sealed in the SecretService; the stored JSON and every audit summary keep only the
// header names with a mask.
import type { ProviderConfig } from '../../providers/provider-config.js';

export const MASK = '********';

export function apiKeySecretName(provider: string): string {
  return `provider.${provider}.apiKey`;
}

export function headersSecretName(provider: string): string {
  return `provider.${provider}.headers`;
}

/** The same header names, every value replaced by the mask. */
export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(headers ?? {}).map((name) => [name, MASK]));
}

/** Whether a stored configuration still holds header values in the clear (rows from before sealing). */
export function hasClearHeaders(stored: { headers?: Record<string, string> } | null | undefined): boolean {
  return Object.values(stored?.headers ?? {}).some((value) => value !== MASK);
}

/** The configuration as stored and audited: no key, header values masked. */
export function storedProviderConfig(config: ProviderConfig): Omit<ProviderConfig, 'apiKey'> {
  const { apiKey: _apiKey, ...rest } = config;
  return { ...rest, headers: maskHeaders(config.headers) };
}
