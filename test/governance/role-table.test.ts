// The README's role table is the one the server enforces: rendered from the routes' declared roles,
// it must equal the README's block (run `npm run docs:roles` after changing a route's role).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TABLE_BEGIN, ROLE_TABLE_END, renderRoleTable } from '../../src/governance/role-table.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

describe('the README role table', () => {
  let s: TestSteward;
  beforeAll(async () => {
    s = await startTestSteward(ENGINES[0]);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('equals the table rendered from the roles the routes declare', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const begin = readme.indexOf(ROLE_TABLE_BEGIN);
    const end = readme.indexOf(ROLE_TABLE_END);
    expect(begin, 'README.md has the role table markers').toBeGreaterThan(0);
    const documented = readme.slice(begin + ROLE_TABLE_BEGIN.length, end).trim();
    expect(documented).toBe(renderRoleTable(s.handle.app.routeRoles));
  });

  it('documents the decided roles of the routes that used to differ from the README', () => {
    const table = renderRoleTable(s.handle.app.routeRoles);
    const declared = (method: string, url: string) => s.handle.app.routeRoles.find((r) => r.method === method && r.url === url)?.role;
    expect(declared('GET', '/api/secrets')).toBe('admin');
    expect(declared('POST', '/api/apply')).toBe('developer');
    expect(declared('POST', '/api/prompts/:name/render')).toBe('viewer');
    expect(declared('POST', '/api/secrets/rotate-master-key')).toBe('owner');
    expect(table).toContain('`POST /api/prompts/{name}/render`: viewer and above');
    expect(table).toContain('`POST /api/secrets/rotate-master-key`: owner');
  });
});
