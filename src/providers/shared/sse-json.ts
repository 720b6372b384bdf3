// Reading JSON out of a server-sent event, and the failure of a stream that ends before its last
// event: both are upstream faults surfaced as ProviderCallError.
import { ProviderCallError } from '../spec/index.js';

/** The JSON value of an event's data. @throws ProviderCallError when it is not JSON. */
export function parseEventJson(provider: string, data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new ProviderCallError({
      provider,
      message: `${provider} sent a stream event that is not JSON`,
      responseBody: data.slice(0, 2000),
      cause,
    });
  }
}

/** The error for a stream that closed cleanly but before its final event. */
export function streamEndedEarly(provider: string, expected: string): ProviderCallError {
  return new ProviderCallError({ provider, message: `${provider} stream ended before ${expected}` });
}
