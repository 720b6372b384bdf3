// Every credential, set through every path a user has (the API, the CLI, steward.yaml and the
// environment), is found nowhere at rest or in the output: not in the SQLite file (with its WAL),
// not in a pg_dump of the database, not in the trace journal or any other file of the data dir, not
// in the server's own logs, not in any API response nor audit summary — as plaintext, base64 or hex.
// Meanwhile the credentials still work: the providers' calls carry their keys and headers upstream,
// also after a master key rotation. The server is the real `steward start` in a child process.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { CLI_PATH, runCli } from '../harness/run-cli.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const token = (label: string) => `Tok${label}${randomBytes(12).toString('hex')}`;

/** The ways a secret could be written down: as is, base64 (standard and URL-safe, at each alignment) and hex. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
  for (let shift = 0; shift < 3; shift++) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(alphabet).replace(/=+$/, '');
      // Drop the groups that depend on the bytes around the secret: the middle is the same wherever it sits.
      forms.push(encoded.slice(4, -4));
    }
  }
  return forms;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(ENGINES)('sealed secrets on $name', (engine) => {
  const secrets = {
    apiSecret: token('ApiSecret'),
    fineTuningKey: token('FineTune'),
    providerKey: token('ProviderKey'),
    providerHeader: token('ProviderHeader'),
    webhookToken: token('WebhookUrl'),
    webhookSigning: token('WebhookSigning'),
    slackToken: token('SlackUrl'),
    cliSecret: token('CliSecret'),
    cliProviderKey: token('CliProviderKey'),
    cliWebhookToken: token('CliWebhookUrl'),
    cliSigning: token('CliSigning'),
    yamlProviderKey: token('YamlKey'),
    yamlHeader: token('YamlHeader'),
    envOpenAiKey: token('EnvKey'),
    oidcClientSecret: token('OidcClientSecret'),
  };
  const adminKey = `sk-stw-${randomBytes(24).toString('base64url')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-sealed-'));
  let database: { url: string; name: string } | undefined;
  let upstream: StandIn;
  let server: ChildProcess;
  let url = '';
  let logs = '';
  const responses: string[] = [];
  const whileRunning: { name: string; text: string }[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    responses.push(text);
    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> & { data?: Record<string, unknown>[] } };
  };

  beforeAll(async () => {
    upstream = await startOpenAiStandIn();
    if (engine.databaseUrl) {
      const name = `stw_sealed_${process.pid}_${randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: engine.databaseUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const parsed = new URL(engine.databaseUrl);
      parsed.pathname = `/${name}`;
      database = { url: parsed.toString(), name };
    }
    const configFile = join(tmpdir(), `steward-sealed-${randomBytes(4).toString('hex')}.yaml`);
    writeFileSync(
      configFile,
      [
        'providers:',
        '  - name: yamlp',
        '    family: openai',
        `    baseUrl: ${upstream.url}`,
        `    apiKey: ${secrets.yamlProviderKey}`,
        '    headers:',
        `      x-gateway-token: ${secrets.yamlHeader}`,
        '',
      ].join('\n'),
    );
    server = spawn(process.execPath, [CLI_PATH, 'start', '--port', '0'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        STEWARD_DATA_DIR: dataDir,
        STEWARD_ADMIN_KEY: adminKey,
        STEWARD_CONFIG: configFile,
        STEWARD_LOG_LEVEL: 'debug',
        OPENAI_API_KEY: secrets.envOpenAiKey,
        OPENAI_BASE_URL: upstream.url,
        // Sign-in settings (the provider is only contacted at the first sign-in).
        STEWARD_OIDC_ISSUER: 'http://127.0.0.1:9/issuer',
        STEWARD_OIDC_CLIENT_ID: 'steward',
        STEWARD_OIDC_CLIENT_SECRET: secrets.oidcClientSecret,
        STEWARD_OIDC_REDIRECT_URL: 'http://127.0.0.1:9/auth/oidc/callback',
        ...(database ? { DATABASE_URL: database.url } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    url = await new Promise<string>((resolve, reject) => {
      server.stdout?.on('data', (chunk: Buffer) => {
        logs += chunk.toString();
        const match = /Steward is listening on (http:\/\/\S+)/.exec(logs);
        if (match) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`steward start exited with ${code}: ${logs}`)));
    });
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await upstream?.close();
    if (database && engine.databaseUrl) {
      const admin = new pg.Client({ connectionString: engine.databaseUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${database.name} with (force)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes every credential through the API, the CLI, steward.yaml and the environment, and they work', async () => {
    expect((await api('PUT', '/api/secrets/api-secret', { value: secrets.apiSecret })).status).toBe(200);
    // The OpenAI fine-tuning backend reads its key from a project secret named in the job's config.
    expect((await api('PUT', '/api/secrets/openai-fine-tuning', { value: secrets.fineTuningKey })).status).toBe(200);
    const provider = await api('POST', '/api/providers', { name: 'apip', family: 'openai', baseUrl: upstream.url, apiKey: secrets.providerKey, headers: { 'x-org-token': secrets.providerHeader } });
    expect(provider.status).toBe(201);
    expect(provider.json()).toMatchObject({ hasApiKey: true, headers: ['x-org-token'] });
    const webhook = await api('POST', '/api/alerts/channels', { name: 'hook', kind: 'webhook', url: `http://127.0.0.1:9/deliver?token=${secrets.webhookToken}`, secret: secrets.webhookSigning });
    expect(webhook.status).toBe(201);
    expect(webhook.json()).toMatchObject({ url: 'http://127.0.0.1:9/********', signed: true });
    expect((await api('POST', '/api/alerts/channels', { name: 'slack', kind: 'slack', url: `https://hooks.slack.com/services/T0/B0/${secrets.slackToken}` })).status).toBe(201);

    const cliEnv = { STEWARD_URL: url, STEWARD_API_KEY: adminKey };
    expect(await runCli(['secrets', 'set', 'cli-secret'], cliEnv, secrets.cliSecret)).toMatchObject({ code: 0 });
    expect(await runCli(['providers', 'set', '--name', 'clip', '--family', 'openai', '--provider-base-url', upstream.url, '--provider-key-env', 'CLIP_KEY'], { ...cliEnv, CLIP_KEY: secrets.cliProviderKey })).toMatchObject({ code: 0 });
    const channel = await runCli(['alerts', 'channel', 'cli-hook', '--kind', 'webhook', '--webhook-url', `http://127.0.0.1:9/h?token=${secrets.cliWebhookToken}`, '--secret', secrets.cliSigning], cliEnv);
    expect(channel).toMatchObject({ code: 0, stderr: '' });

    // Each provider's credentials reach the upstream: sealed is not lost.
    const call = async (model: string) => api('POST', '/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hello' }] });
    for (const model of ['apip/gpt-4o-mini', 'clip/gpt-4o-mini', 'yamlp/gpt-4o-mini', 'openai/gpt-4o-mini']) expect((await call(model)).status, model).toBe(200);
    const seen = (auth: string) => upstream.requests.some((r) => r.headers.authorization === `Bearer ${auth}`);
    expect(seen(secrets.providerKey) && seen(secrets.cliProviderKey) && seen(secrets.yamlProviderKey) && seen(secrets.envOpenAiKey)).toBe(true);
    expect(upstream.requests.some((r) => r.headers['x-org-token'] === secrets.providerHeader)).toBe(true);
    expect(upstream.requests.some((r) => r.headers['x-gateway-token'] === secrets.yamlHeader)).toBe(true);

    // A master key rotation re-seals everything, headers included: calls still carry them.
    expect((await api('POST', '/api/secrets/rotate-master-key', {})).status).toBe(200);
    const before = upstream.requests.length;
    expect((await call('apip/gpt-4o-mini')).status).toBe(200);
    expect(upstream.requests.slice(before).some((r) => r.headers['x-org-token'] === secrets.providerHeader && r.headers.authorization === `Bearer ${secrets.providerKey}`)).toBe(true);

    // `steward config check` shows the effective configuration: the client secret masked.
    const check = await runCli(['config', 'check'], { STEWARD_OIDC_ISSUER: 'http://127.0.0.1:9/issuer', STEWARD_OIDC_CLIENT_ID: 'steward', STEWARD_OIDC_CLIENT_SECRET: secrets.oidcClientSecret, STEWARD_OIDC_REDIRECT_URL: 'http://127.0.0.1:9/cb', STEWARD_DATA_DIR: dataDir });
    expect(check.code).toBe(0);
    responses.push(check.stdout, check.stderr);
    expect((await api('GET', '/auth/session')).json()).toMatchObject({ oidc: true, signedIn: false });

    // Read back everything an admin can read, so the responses are checked below.
    for (const path of ['/api/providers', '/api/providers/apip', '/api/providers/yamlp', '/api/alerts/channels', '/api/secrets', '/api/traces?limit=50', '/api/export']) await api('GET', path);
    let cursor: string | null = null;
    do {
      const page = (await api('GET', `/api/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json() as { next_cursor: string | null; data: unknown[] };
      expect(page.data.length).toBeGreaterThan(0);
      cursor = page.next_cursor;
    } while (cursor);
    expect((await api('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });

    // The trace journal is emptied once its records are in the store: read it while the server runs.
    for (const file of filesUnder(dataDir)) if (!file.endsWith('master.key')) whileRunning.push({ name: `${file.slice(dataDir.length + 1)} (running)`, text: readFileSync(file).toString('latin1') });
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  });

  it('finds none of them in the database, the data dir, the logs or any response, in any encoding', () => {
    const places: { name: string; text: string }[] = [...whileRunning];
    const files = filesUnder(dataDir).filter((file) => !file.endsWith('master.key'));
    expect(files.some((file) => file.endsWith('steward.db')) || database !== undefined).toBe(true);
    for (const file of files) places.push({ name: file.slice(dataDir.length + 1), text: readFileSync(file).toString('latin1') });
    if (database) places.push({ name: 'pg_dump', text: execFileSync('pg_dump', ['--no-owner', database.url], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1') });
    places.push({ name: 'logs', text: logs }, { name: 'responses', text: responses.join('\n') });
    expect(logs).toMatch(/Steward is listening/);

    const found: string[] = [];
    for (const [label, secret] of Object.entries(secrets)) {
      for (const form of encodings(secret)) {
        for (const place of places) if (place.text.includes(form)) found.push(`${label} in ${place.name} as ${form === secret ? 'plaintext' : form}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps the data dir 0700 and every file in it 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const loose = filesUnder(dataDir)
      .map((file) => ({ file: file.slice(dataDir.length + 1), mode: statSync(file).mode & 0o777 }))
      .filter(({ mode }) => mode !== 0o600);
    expect(loose).toEqual([]);
  });
});
