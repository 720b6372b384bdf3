// How the CLI talks to a running Steward: the SDK, pointed by STEWARD_URL (or STEWARD_HOST and
// STEWARD_PORT) and keyed by STEWARD_API_KEY; every failure a CliError in one clear line.
import { type StewardClient, createStewardClient, describeCause } from '@steward/sdk';
import { CliError, toCliError } from './cli-error.js';

export interface CliClientOptions {
  url?: string;
  apiKey?: string;
}

/** Where the CLI sends its calls. */
export function stewardUrl(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.STEWARD_HOST ?? '127.0.0.1';
  const port = env.STEWARD_PORT ?? '7400';
  return (env.STEWARD_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
}

/**
 * The SDK client of one command. A missing key fails the first call, not the construction, so a
 * command checks its own arguments first. No retries: a 429 is shown at once, as it always was.
 */
export function stewardClient(options: CliClientOptions = {}, env: NodeJS.ProcessEnv = process.env): StewardClient {
  const baseUrl = (options.url ?? stewardUrl(env)).replace(/\/+$/, '');
  const apiKey = options.apiKey ?? env.STEWARD_API_KEY ?? env.STEWARD_ADMIN_KEY;
  const client = createStewardClient({
    baseUrl,
    apiKey,
    retry: false,
    fetch: (request) => {
      if (!apiKey) throw new CliError('no API key: set STEWARD_API_KEY (or pass --api-key)');
      return fetch(request);
    },
  });
  const cli = <Call extends (...args: never[]) => Promise<unknown>>(call: Call): Call =>
    (async (...args: Parameters<Call>) => {
      try {
        return await call(...args);
      } catch (error) {
        // A URL fetch refuses before sending (one with credentials in it) fails like an unreachable server.
        if (error instanceof TypeError) throw new CliError(`cannot reach Steward at ${baseUrl} (${describeCause(error)}); is it running? (STEWARD_URL)`);
        throw toCliError(error);
      }
    }) as Call;
  // `send` (streamed uploads) keeps the SDK's errors, whose details name a refused file's lines;
  // main.ts words whatever reaches it.
  return { ...client, get: cli(client.get), post: cli(client.post), put: cli(client.put), patch: cli(client.patch), delete: cli(client.delete) };
}
