// The CLI never sends the Steward key anywhere but STEWARD_URL, and never prints it. Once,
// `steward alerts channel NAME --kind webhook --url http://hook/...` took the webhook's --url as the
// server URL and posted the admin key and the signing secret to the webhook host. Two checks keep
// that from coming back: no sub-command option may shadow (or look like) a global connection option,
// and every command with a URL-like option is run against a listener that must never see the key.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

interface CommandOption {
  command: string;
  option: Option;
}

async function everyOption(): Promise<{ globals: readonly Option[]; nested: CommandOption[] }> {
  // No command named: every command module is loaded, as for `steward --help`.
  const program = await createProgram(['node', 'steward']);
  const nested: CommandOption[] = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      const subPath = [...path, sub.name()];
      for (const option of sub.options) nested.push({ command: subPath.join(' '), option });
      walk(sub, subPath);
    }
  };
  walk(program, []);
  return { globals: program.options, nested };
}

/** Options naming a place the CLI might send something: the ones a user would point at another host. */
const URL_LIKE = /url|uri|endpoint|webhook|host/i;

describe('CLI options', () => {
  it('has no sub-command option that shadows or resembles a global connection option', async () => {
    const { globals, nested } = await everyOption();
    const globalFlags = new Set(globals.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
    expect(globalFlags).toEqual(new Set(['--url', '--api-key', '--version', '-V']));
    expect(nested.length).toBeGreaterThan(50);
    const clashes = nested.filter(({ option }) => [option.long, option.short].some((flag) => flag !== undefined && globalFlags.has(flag)));
    const connection = clashes.filter(({ option }) => option.long === '--url' || option.long === '--api-key');
    expect(connection.map((c) => `${c.command} ${c.option.flags}`)).toEqual([]);
    // Global options are positional (only before the command), so a command's own `--version <n>` is
    // its own; that is the only kind of clash allowed, never one with a connection option.
    expect(clashes.filter(({ option }) => option.long !== '--version').map((c) => `${c.command} ${c.option.flags}`)).toEqual([]);
    // `--url-…` or `--api-key-…` would read as the global option to a person, so they are refused too.
    const lookalikes = nested.filter(({ option }) => /^--(url|api-key)\b/.test(option.long ?? ''));
    expect(lookalikes.map((c) => `${c.command} ${c.option.flags}`)).toEqual([]);
  });
});

interface Captured {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe.each(ENGINES.slice(0, 1))('CLI credentials against a listener ($name)', (engine) => {
  let s: TestSteward;
  let trap: Server;
  let trapUrl: string;
  const captured: Captured[] = [];

  beforeAll(async () => {
    s = await startTestSteward(engine);
    trap = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        captured.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => trap?.close(() => resolve()));
    await s?.close();
  });

  const env = () => ({ STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey });
  const leaked = () => captured.filter((c) => JSON.stringify(c).includes(s.adminKey) || JSON.stringify(c).includes('whsec-cli-test-0123456789'));

  /** One invocation per URL-like option; a new URL-like option fails the test until it is listed here. */
  const invocations = (hook: string): Record<string, string[]> => ({
    'alerts channel --webhook-url': ['alerts', 'channel', 'cli-hook', '--kind', 'webhook', '--webhook-url', `${hook}/hook?token=t0k3n`, '--secret', 'whsec-cli-test-0123456789'],
    'providers set --provider-base-url': ['providers', 'set', '--name', 'cli-provider', '--family', 'openai', '--provider-base-url', `${hook}/v1`],
  });

  it('sends the Steward key only to STEWARD_URL from every command with a URL-like option', async () => {
    const { nested } = await everyOption();
    const urlLike = nested.filter(({ command, option }) => command !== 'start' && URL_LIKE.test(option.long ?? '')).map(({ command, option }) => `${command} ${option.long}`);
    const runs = invocations(trapUrl);
    expect(urlLike.sort()).toEqual(Object.keys(runs).sort());
    for (const [name, args] of Object.entries(runs)) {
      const result = await runCli(args, env());
      expect(result.stderr, name).toBe('');
      expect(result.code, name).toBe(0);
    }
    // The server got the writes; the listener got nothing at all.
    expect((await s.api('GET', '/api/alerts/channels')).body.data).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'cli-hook', signed: true })]));
    expect(captured).toEqual([]);
  });

  it('refuses the old form instead of treating a channel URL as the server URL', async () => {
    const result = await runCli(['alerts', 'channel', 'cli-old', '--kind', 'webhook', '--url', `${trapUrl}/hook`, '--secret', 'whsec-cli-test-0123456789'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown option '--url'/);
    expect(leaked()).toEqual([]);
    // The global option still works where it belongs, before the command.
    const global = await runCli(['--url', s.url, 'alerts', 'channel', 'cli-global', '--kind', 'webhook', '--webhook-url', `${trapUrl}/hook`], { STEWARD_API_KEY: s.adminKey });
    expect(global.stderr).toBe('');
    expect(global.code).toBe(0);
    expect(captured).toEqual([]);
  });

  it('prints only a prefix of a key, and no URL password, in errors', async () => {
    const wrongKey = 'sk-stw-ThisIsNotAKeyThisIsNotAKeyThisIsNot0';
    const rejected = await runCli(['keys', 'list'], { STEWARD_URL: s.url, STEWARD_API_KEY: wrongKey });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).not.toContain(wrongKey);
    const unreachable = await runCli(['keys', 'list'], { STEWARD_URL: 'http://operator:hunter2pass@127.0.0.1:9', STEWARD_API_KEY: s.adminKey });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach Steward/);
    expect(unreachable.stderr).not.toContain('hunter2pass');
    expect(unreachable.stderr).not.toContain(s.adminKey);
  });
});
