import { describe, expect, it } from 'vitest';
import { canMove } from './lifecycle.js';
import { assertModelName, parseModelReference, parseVersionNumber, versionName } from './registry-names.js';
import { sameSpec } from './version-spec.js';

describe('registry names', () => {
  it('formats and parses version names', () => {
    expect(versionName('bot', 2)).toBe('bot-002');
    expect(versionName('bot', 1234)).toBe('bot-1234');
    expect(parseVersionNumber('bot', 'bot-002')).toBe(2);
    expect(parseVersionNumber('bot', '7')).toBe(7);
    expect(parseVersionNumber('bot', 'v3')).toBe(3);
    expect(parseVersionNumber('bot', 'production')).toBeNull();
    expect(parseVersionNumber('bot', '0')).toBeNull();
  });

  it('splits references into versions, aliases and bare names', () => {
    expect(parseModelReference('my-bot-002')).toEqual({ kind: 'version', model: 'my-bot', seq: 2 });
    expect(parseModelReference('my-bot@canary')).toEqual({ kind: 'alias', model: 'my-bot', alias: 'canary' });
    expect(parseModelReference('my-bot')).toEqual({ kind: 'model', model: 'my-bot' });
  });

  it('refuses model names that would read as versions', () => {
    expect(() => assertModelName('bot-001')).toThrow(/-NNN/);
    expect(() => assertModelName('Bot')).toThrow();
    expect(() => assertModelName('bot-v1')).not.toThrow();
  });

  it('moves stages forward only and compares specs regardless of key order', () => {
    expect(canMove('candidate', 'production')).toBe(true);
    expect(canMove('production', 'staging')).toBe(false);
    expect(canMove('retired', 'retired')).toBe(false);
    expect(sameSpec({ provider: 'a', model: 'b', params: { x: 1, y: 2 } }, { model: 'b', provider: 'a', params: { y: 2, x: 1 } })).toBe(true);
    expect(sameSpec({ provider: 'a', model: 'b' }, { provider: 'a', model: 'c' })).toBe(false);
  });
});
