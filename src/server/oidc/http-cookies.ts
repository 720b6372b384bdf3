// Reading and writing cookies (the dashboard session, its CSRF token, the pending sign-in).
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'steward_session';
export const CSRF_COOKIE = 'steward_csrf';
export const LOGIN_COOKIE = 'steward_oidc_login';
export const CSRF_HEADER = 'x-steward-csrf';

export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  if (!header) return {};
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!(name in cookies)) cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  httpOnly: boolean;
  /** Secure when the request came over TLS (directly or through a trusted proxy). */
  secure: boolean;
  path?: string;
  maxAgeSeconds?: number;
}

/** A Set-Cookie value; SameSite=Lax always, so cross-site writes never carry it. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function isTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}
