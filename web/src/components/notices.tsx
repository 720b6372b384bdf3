// What a page shows while loading, on an error, or when the server does not offer its API yet.
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client';

/** "Loading…", unless the load already failed (its error notice then says why, once). */
export function Loading({ error }: { error?: Error }) {
  if (error) return null;
  return <div className="notice notice-muted">Loading…</div>;
}

export function ErrorNotice({ error }: { error: Error | undefined }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403) return <Forbidden detail={error.message} />;
  return (
    <div className="notice notice-bad" role="alert">
      {error.message}
    </div>
  );
}

/** A page or block this key's role may not read. */
export function Forbidden({ detail, what }: { detail?: string; what?: string }) {
  return (
    <div className="notice notice-warn" role="alert" data-testid="forbidden">
      <strong>Your key may not read {what ?? 'this'}.</strong> {detail ?? 'Ask an admin for a key with a higher role.'}
    </div>
  );
}

export function ApiMissing({ api, what }: { api: string; what: string }) {
  return (
    <div className="notice notice-warn" data-testid="api-missing">
      <strong>{what} are not available on this server.</strong> It does not offer <code>{api}</code> yet; this page fills in once it does.
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
