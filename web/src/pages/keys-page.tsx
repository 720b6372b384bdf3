// API keys (admin): who can call Steward, with which role; create a key (shown once) or revoke one.
import { type FormEvent, useState } from 'react';
import { api, withQuery } from '../api/api-client';
import type { ApiKey, CreatedApiKey, List } from '../api/api-types';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { DataTable } from '../components/data-table';
import { TypedConfirm } from '../components/typed-confirm';
import { formatAgo, formatTime } from '../components/format';
import { ErrorNotice, Loading } from '../components/notices';
import type { PageProps } from './page-list';

const ROLES = ['viewer', 'developer', 'admin', 'service', 'metrics'] as const;

export function KeysPage(_props: PageProps) {
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const keys = useApi<List<ApiKey>>(withQuery('/api/keys', { includeRevoked }));
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<Error | undefined>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const result = await api<CreatedApiKey>('/api/keys', { method: 'POST', body: { name: name.trim(), role } });
      setCreated(result.key);
      setName('');
      keys.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  // The key a person chose to revoke, waiting for the typed confirmation.
  const [pending, setPending] = useState<ApiKey | null>(null);

  async function revoke(key: ApiKey) {
    setError(undefined);
    try {
      await api(`/api/keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST', body: {} });
      setPending(null);
      keys.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  return (
    <>
      <PageHeader title="API keys" subtitle="Keys are stored hashed: only their prefix is shown after creation." />
      <Card title="Create a key">
        <form className="filters" onSubmit={create}>
          <label className="field">
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} placeholder="ci-pipeline" required />
          </label>
          <label className="field">
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as typeof role)}>
              {ROLES.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={!name.trim()}>
            Create
          </button>
        </form>
        {created && (
          <div className="notice notice-good" style={{ marginTop: 12 }}>
            New key (copy it now; it is not shown again): <code data-testid="new-key">{created}</code>
          </div>
        )}
      </Card>
      <Card
        title="Keys"
        actions={
          <label className="row muted">
            <input type="checkbox" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.target.checked)} /> show revoked
          </label>
        }
      >
        <ErrorNotice error={keys.error ?? error} />
        {!keys.data ? (
          <Loading error={keys.error} />
        ) : (
          <DataTable
            label="api keys"
            rows={keys.data.data}
            rowKey={(key) => key.id}
            columns={[
              { header: 'Name', cell: (key) => <strong>{key.name}</strong> },
              { header: 'Prefix', cell: (key) => <span className="mono">{key.prefix}…</span> },
              { header: 'Role', cell: (key) => <Badge value={key.role} tone={key.role === 'admin' || key.role === 'owner' ? 'warn' : 'info'} /> },
              { header: 'Created', cell: (key) => <span title={formatTime(key.createdAt)}>{formatAgo(key.createdAt)}</span> },
              { header: 'Last used', cell: (key) => formatAgo(key.lastUsedAt) },
              { header: 'Expires', cell: (key) => formatTime(key.expiresAt) },
              {
                header: '',
                cell: (key) =>
                  key.revokedAt ? (
                    <Badge value="revoked" />
                  ) : (
                    <button type="button" className="button button-danger button-small" onClick={() => setPending(key)}>
                      Revoke
                    </button>
                  ),
              },
            ]}
          />
        )}
        {pending && (
          <TypedConfirm expected={pending.name} action={`Revoke ${pending.name}`} danger onConfirm={() => revoke(pending)}>
            <p>
              Revoke <strong>{pending.name}</strong> (<span className="mono">{pending.prefix}…</span>): clients using it stop working at once.{' '}
              <button type="button" className="button button-secondary button-small" onClick={() => setPending(null)}>
                Keep it
              </button>
            </p>
          </TypedConfirm>
        )}
      </Card>
    </>
  );
}
