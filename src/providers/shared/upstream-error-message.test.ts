import { describe, expect, it } from 'vitest';
import { upstreamErrorMessage } from './upstream-error-message.js';

describe('upstreamErrorMessage', () => {
  it('reads the message of each family', () => {
    expect(upstreamErrorMessage('{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}')).toBe(
      'Rate limit reached (requests)',
    );
    expect(upstreamErrorMessage('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe(
      'Overloaded (overloaded_error)',
    );
    expect(upstreamErrorMessage('{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}')).toBe(
      'API key not valid. (INVALID_ARGUMENT)',
    );
    expect(upstreamErrorMessage('[{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}}]')).toBe(
      'Quota (RESOURCE_EXHAUSTED)',
    );
  });

  it('falls back to the text body', () => {
    expect(upstreamErrorMessage('Bad Gateway')).toBe('Bad Gateway');
    expect(upstreamErrorMessage('')).toBe('no details');
    expect(upstreamErrorMessage('x'.repeat(900)).length).toBeLessThan(510);
  });
});
