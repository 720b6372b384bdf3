// An Anthropic error (an `error` stream event, or a body read elsewhere) → ProviderCallError, with
// the HTTP status Anthropic documents for each error type so retry decisions match non-streamed calls.
import { ProviderCallError } from '../spec/index.js';
import type { AnthropicErrorBody } from './anthropic-api-types.js';

const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function anthropicErrorEvent(provider: string, body: AnthropicErrorBody, url?: string): ProviderCallError {
  return new ProviderCallError({
    provider,
    url,
    statusCode: STATUS_BY_TYPE[body.error.type] ?? 500,
    responseBody: JSON.stringify(body),
    message: `${provider} failed mid-stream: ${body.error.message} (${body.error.type})`,
  });
}
