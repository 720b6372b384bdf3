// Anthropic usage → OpenAI usage. Anthropic counts cached input apart from `input_tokens`; OpenAI's
// `prompt_tokens` includes it, with the cache reads in `prompt_tokens_details.cached_tokens`.
import type { Usage } from '../spec/index.js';
import type { AnthropicUsage } from './anthropic-api-types.js';

export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const prompt = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + cacheRead;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    ...(cacheRead > 0 ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}
