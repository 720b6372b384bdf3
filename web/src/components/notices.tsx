// What a page shows while loading, on an error, or when the server does not offer its API yet.
import type { ReactNode } from 'react';

export function Loading() {
  return <div className="notice notice-muted">Loading…</div>;
}

export function ErrorNotice({ error }: { error: Error | undefined }) {
  if (!error) return null;
  return (
    <div className="notice notice-bad" role="alert">
      {error.message}
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
