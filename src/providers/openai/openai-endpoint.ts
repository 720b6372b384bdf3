// Where an OpenAI-compatible call goes and how it authenticates: `Authorization: Bearer` on
// OpenAI and compatible servers; `api-key`, deployment paths and `api-version` on Azure OpenAI.
import type { ProviderConfig } from '../provider-config.js';

export const OPENAI_PATHS = ['/chat/completions', '/completions', '/embeddings', '/models', '/responses'] as const;
export type OpenAiPath = (typeof OPENAI_PATHS)[number];

/** The URL of an endpoint; on Azure `model` names the deployment unless the config fixes one. */
export function openAiUrl(config: ProviderConfig, path: OpenAiPath, model?: string): string {
  if (!config.azure) return `${config.baseUrl}${path}`;
  const query = `?api-version=${encodeURIComponent(config.azure.apiVersion)}`;
  const deployment = config.azure.deployment ?? model;
  if (path === '/models' || deployment === undefined) return `${config.baseUrl}/openai${path}${query}`;
  return `${config.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}${path}${query}`;
}

/** Headers for every call: credentials, then configured headers, then the call's own. */
export function openAiHeaders(config: ProviderConfig, extra: Record<string, string> = {}): Record<string, string> {
  const auth: Record<string, string> = {};
  if (config.apiKey) {
    if (config.azure) auth['api-key'] = config.apiKey;
    else auth.authorization = `Bearer ${config.apiKey}`;
  }
  return { ...auth, ...config.headers, ...extra };
}
