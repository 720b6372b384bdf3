// The one place the dashboard talks HTTP: every call carries the key from the login screen, and
// management errors ({"error":{"code","message"}}) become ApiError with the server's message.

const KEY_STORAGE = 'steward.apiKey';

/** An error answer from the Steward API. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(options: { status: number; code: string; message: string }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
  }
}

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
  window.dispatchEvent(new Event('steward:key'));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Use this key instead of the stored one (the login screen checks a key before storing it). */
  key?: string;
}

/** Calls the API and parses JSON; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const key = options.key ?? storedKey();
  if (key) headers.authorization = `Bearer ${key}`;
  // Signed in with single sign-on instead: the session cookie goes along by itself; a write also
  // echoes the CSRF token, which only a page of this origin can read.
  else if ((options.method ?? 'GET') !== 'GET') headers['x-steward-csrf'] = cookie('steward_csrf') ?? '';
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = errorOf(parsed);
    // A key that stopped working (revoked, expired) sends the user back to the login screen.
    if (response.status === 401 && options.key === undefined) {
      if (key) storeKey(null);
      else window.dispatchEvent(new Event('steward:session'));
    }
    throw new ApiError({ status: response.status, code: error?.code ?? `HTTP_${response.status}`, message: error?.message ?? (text || response.statusText) });
  }
  return parsed as T;
}

function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [cookieName, ...value] = part.trim().split('=');
    if (cookieName === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** What /auth/session says: whether single sign-on is offered and whether this browser is signed in with it. */
export interface SessionState {
  oidc: boolean;
  signedIn: boolean;
}

export async function sessionState(): Promise<SessionState> {
  try {
    const response = await fetch('/auth/session');
    if (!response.ok) return { oidc: false, signedIn: false };
    return (await response.json()) as SessionState;
  } catch {
    return { oidc: false, signedIn: false };
  }
}

/** Ends the single sign-on session. */
export async function signOutSession(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', headers: { 'x-steward-csrf': cookie('steward_csrf') ?? '' } });
  window.dispatchEvent(new Event('steward:session'));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorOf(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: String(code ?? 'ERROR'), message: String(message ?? 'request failed') };
}

/** Builds `path?query` from the defined entries of an object. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
