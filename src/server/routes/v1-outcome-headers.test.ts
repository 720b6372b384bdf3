import { describe, expect, it } from 'vitest';
import { cacheDirective, outcomeHeaders } from './v1-outcome-headers.js';

describe('headers of a call outcome', () => {
  it('announces limits in OpenAI’s x-ratelimit-* format, the cache result and a retirement', () => {
    const sunsetAt = Date.UTC(2027, 0, 1);
    const headers = outcomeHeaders({
      limits: { requests: { limit: 10, remaining: 9, resetMs: 61_000 }, tokens: { limit: 1000, remaining: 400, resetMs: 500 } },
      cache: 'miss',
      deprecation: { deprecatedAt: Date.UTC(2026, 0, 1), sunsetAt, replacement: 'bot-002' },
    });
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-reset-requests': '1m1s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '400',
      'x-ratelimit-reset-tokens': '1s',
      'x-steward-cache': 'miss',
      deprecation: `@${Date.UTC(2026, 0, 1) / 1000}`,
      sunset: new Date(sunsetAt).toUTCString(),
      link: '<bot-002>; rel="successor-version"',
    });
  });

  it('says nothing for a call with nothing to announce, and `true` for an undated deprecation', () => {
    expect(outcomeHeaders({})).toEqual({});
    expect(outcomeHeaders({ deprecation: { deprecatedAt: null } })).toEqual({ deprecation: 'true' });
  });

  it('reads the client’s wish to skip the cache', () => {
    expect(cacheDirective({ 'x-steward-cache': 'BYPASS' })).toBe('bypass');
    expect(cacheDirective({ 'cache-control': 'no-store' })).toBe('bypass');
    expect(cacheDirective({})).toBe('default');
  });
});
