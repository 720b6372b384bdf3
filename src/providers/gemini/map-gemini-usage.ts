// Gemini `usageMetadata` → OpenAI usage. Thinking tokens are billed as output, so they count as
// completion tokens and are reported as reasoning tokens, as OpenAI does.
import type { Usage } from '../spec/index.js';
import type { GeminiUsageMetadata } from './gemini-api-types.js';

export function mapGeminiUsage(usage: GeminiUsageMetadata): Usage {
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const thoughts = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokenCount ?? prompt + completion,
    ...(usage.cachedContentTokenCount ? { prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount } } : {}),
    ...(thoughts > 0 ? { completion_tokens_details: { reasoning_tokens: thoughts } } : {}),
  };
}
