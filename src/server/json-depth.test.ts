import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-depth.js';

/** `{"a":{"a":…}}` nested `depth` objects deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds({ wide: Array.from({ length: 1000 }, () => ({ x: [1] })) }, 4)).toBe(false);
  });

  it('measures a 100,000-deep value without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(100_000), 64)).toBe(true);
  });
});
