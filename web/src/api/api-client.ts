// The one place the dashboard talks to the API, through @steward/sdk: every call carries the key
// from the login screen (or the session cookie and its CSRF echo), and errors become ApiError with
// the server's message and catalogue code.
import { StewardApiError, createStewardClient } from '@steward/sdk';
import type { Session } from './api-types';

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

/** The key of this tab, or the one this browser was asked to remember. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE) ?? localStorage.getItem(KEY_STORAGE);
}

/**
 * Keeps `key` for this tab; with `remember`, also in this browser's local storage so other tabs
 * and later visits are signed in (opt-in: anyone at this browser can then use the key). Null signs
 * out everywhere in this browser.
 */
export function storeKey(key: string | null, options: { remember?: boolean } = {}): void {
  if (key === null) {
    sessionStorage.removeItem(KEY_STORAGE);
    localStorage.removeItem(KEY_STORAGE);
  } else {
    sessionStorage.setItem(KEY_STORAGE, key);
    if (options.remember) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  }
  window.dispatchEvent(new Event('steward:key'));
}

/** Whether this browser remembers a key (shown next to the sign-out button). */
export function keyRemembered(): boolean {
  return localStorage.getItem(KEY_STORAGE) !== null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Use this key instead of the stored one (the login screen checks a key before storing it). */
  key?: string;
}

/** Calls the API through @steward/sdk and parses JSON; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const key = options.key ?? storedKey();
  // Signed in with single sign-on instead: the session cookie goes along by itself; a write also
  // echoes the CSRF token, which only a page of this origin can read.
  const csrf = !key && (options.method ?? 'GET') !== 'GET' ? { 'x-steward-csrf': cookie('steward_csrf') ?? '' } : undefined;
  const steward = createStewardClient({ baseUrl: window.location.origin, apiKey: key ?? undefined, headers: csrf, retry: { maxRetries: 1 } });
  const url = new URL(path, window.location.origin);
  try {
    return (await steward.send(options.method ?? 'GET', url.pathname, { query: Object.fromEntries(url.searchParams), body: options.body, signal: options.signal })) as T;
  } catch (caught) {
    if (!(caught instanceof StewardApiError)) throw caught;
    // A key that stopped working (revoked, expired) sends the user back to the login screen.
    if (caught.status === 401 && options.key === undefined) {
      if (key) storeKey(null);
      else window.dispatchEvent(new Event('steward:session'));
    }
    throw new ApiError({ status: caught.status, code: caught.code ?? `HTTP_${caught.status}`, message: caught.serverMessage || caught.message });
  }
}

export function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [cookieName, ...value] = part.trim().split('=');
    if (cookieName === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** What /auth/session says that the dashboard uses: whether single sign-on is offered and whether this browser is signed in with it. */
export type SessionState = Pick<Session, 'oidc' | 'signedIn'>;

export async function sessionState(): Promise<SessionState> {
  try {
    return await anonymous().get('/auth/session');
  } catch {
    return { oidc: false, signedIn: false };
  }
}

/** Ends the single sign-on session. */
export async function signOutSession(): Promise<void> {
  await anonymous()
    .send('POST', '/auth/logout', { headers: { 'x-steward-csrf': cookie('steward_csrf') ?? '' } })
    .catch(() => undefined);
  window.dispatchEvent(new Event('steward:session'));
}

/** A client of this origin without a key (the session cookie, if any, goes along by itself). */
function anonymous() {
  return createStewardClient({ baseUrl: window.location.origin, retry: false });
}

/** Builds `path?query` from the defined entries of an object. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
