// How the CLI talks to a running Steward: STEWARD_URL and STEWARD_API_KEY, management errors
// turned into one clear line.

export class CliError extends Error {
  override name = 'CliError';
}

export interface ApiClientOptions {
  url?: string;
  apiKey?: string;
}

export class ApiClient {
  readonly baseUrl: string;
  readonly #apiKey: string | undefined;

  constructor(options: ApiClientOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    const host = env.STEWARD_HOST ?? '127.0.0.1';
    const port = env.STEWARD_PORT ?? '7400';
    this.baseUrl = (options.url ?? env.STEWARD_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
    this.#apiKey = options.apiKey ?? env.STEWARD_API_KEY ?? env.STEWARD_ADMIN_KEY;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.#apiKey) throw new CliError('no API key: set STEWARD_API_KEY (or pass --api-key)');
    const headers: Record<string, string> = { authorization: `Bearer ${this.#apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (cause) {
      throw new CliError(`cannot reach Steward at ${this.baseUrl} (${describeCause(cause)}); is it running? (STEWARD_URL)`);
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : null;
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new CliError(error ? `${error.code ?? response.status}: ${error.message}` : `HTTP ${response.status} from ${path}`);
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: { code?: string } }).cause;
    return inner?.code ?? cause.message;
  }
  return String(cause);
}
