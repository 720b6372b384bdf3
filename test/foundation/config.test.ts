// Configuration: defaults, environment over steward.yaml, and errors that name the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config/index.js';

function yamlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'steward-config-')), 'steward.yaml');
  writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('defaults to SQLite in ./.steward on 127.0.0.1:7400', () => {
    const config = loadConfig({ env: {} });
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 7400 });
    expect(config.dataDir).toBe('./.steward');
    expect(config.store.databaseUrl).toBeUndefined();
  });

  it('reads steward.yaml and lets the environment win', () => {
    const file = yamlFile('server:\n  port: 9000\n  host: 0.0.0.0\ndataDir: /tmp/x\n');
    const config = loadConfig({ env: { STEWARD_PORT: '9100' }, file });
    expect(config.server.port).toBe(9100);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/tmp/x');
  });

  it('names the field, its variable and what was expected', () => {
    expect(() => loadConfig({ env: { STEWARD_PORT: 'seventy' } })).toThrow(/server\.port \(STEWARD_PORT\): .*number/i);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(/store\.databaseUrl \(DATABASE_URL\): expected a postgres/);
    expect(() => loadConfig({ env: { STEWARD_LOG_LEVEL: 'loud' } })).toThrow(/server\.logLevel/);
  });

  it('rejects unknown keys in steward.yaml, so typos do not pass silently', () => {
    const file = yamlFile('server:\n  prot: 9000\n');
    expect(() => loadConfig({ env: {}, file })).toThrow(/server\.prot: unknown key \(did you mean port\?\)/);
    expect(() => loadConfig({ env: {}, file: yamlFile('modles: []\n') })).toThrow(/modles: unknown key \(did you mean models\?\)/);
  });

  it('types every section: gateway settings, providers, models, prompts, routes and gates', () => {
    expect(() => loadConfig({ env: {}, file: yamlFile('gateway:\n  concurrency:\n    perTarget: lots\n') })).toThrow(/gateway\.concurrency\.perTarget: /);
    expect(() => loadConfig({ env: {}, file: yamlFile('providers:\n  - { name: up, family: nosuch, baseUrl: "http://127.0.0.1:1/v1" }\n') })).toThrow(/providers\.0\.family: /);
    expect(() => loadConfig({ env: {}, file: yamlFile('providers:\n  - { name: up, family: openai, baseUrl: "http://127.0.0.1:1/v1", bogus: 1 }\n') })).toThrow(/providers\.0\.bogus: unknown key/);
    expect(() => loadConfig({ env: {}, file: yamlFile('routes:\n  - { name: chat, targets: [{ model: openai/x, wieght: 2 }] }\n') })).toThrow(/routes\.0\.targets\.0\.wieght: unknown key/);
    expect(() => loadConfig({ env: {}, file: yamlFile('models:\n  - { name: m, versoins: [] }\n') })).toThrow(/models\.0\.versoins: unknown key/);
    expect(() => loadConfig({ env: {}, file: yamlFile('gates:\n  - { name: g, rules: [] }\n') })).toThrow(/gates\.0\.rules: /);
  });

  it('refuses an admin key shorter than 32 characters (128 bits as hex)', () => {
    expect(() => loadConfig({ env: { STEWARD_ADMIN_KEY: 'my-own-admin-key-123' } })).toThrow(/security\.adminKey \(STEWARD_ADMIN_KEY\): an admin key needs at least 32 characters/);
    expect(loadConfig({ env: { STEWARD_ADMIN_KEY: 'a'.repeat(32) } }).security.adminKey).toHaveLength(32);
  });

  it('accepts x- annotations at the top, in sections and in list entries', () => {
    const file = yamlFile('x-owner: platform-team\nserver:\n  x-note: behind the proxy\n  port: 9001\nroutes:\n  - { name: chat, x-ticket: OPS-1, targets: [{ model: openai/x }] }\n');
    const config = loadConfig({ env: {}, file });
    expect(config.server.port).toBe(9001);
    expect(config.routes?.[0]?.name).toBe('chat');
    expect(() => loadConfig({ env: {}, file: yamlFile('server:\n  deep:\n    x-note: 1\n') })).toThrow(/server\.deep: unknown key/);
  });

  it('rejects a file that is not YAML or not a mapping', () => {
    expect(() => loadConfig({ env: {}, file: yamlFile('server: [unclosed') })).toThrow(/not valid YAML/);
    expect(() => loadConfig({ env: {}, file: yamlFile('- a\n- b\n') })).toThrow(/mapping/);
  });

  it('masks secrets when describing the configuration', () => {
    const config = loadConfig({ env: { DATABASE_URL: 'postgres://user:pw@db/steward', STEWARD_ADMIN_KEY: 'sk-stw-a-very-long-admin-key-0123456789' } });
    const described = JSON.stringify(describeConfig(config));
    expect(described).not.toContain('pw@db');
    expect(described).not.toContain('very-long-admin-key');
    expect(described).toContain('postgres://****');
  });
});
