// Audit log (admin): every management write — who, what, when, before and after — oldest first,
// and a check of the hash chain that makes tampering visible.
import { useState } from 'react';
import { api, withQuery } from '../api/api-client';
import type { AuditEntry, AuditVerification, Page } from '../api/api-types';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Card, PageHeader } from '../components/card';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ErrorNotice, Loading } from '../components/notices';
import type { PageProps } from './page-list';

export function AuditPage(_props: PageProps) {
  const [action, setAction] = useState('');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [history, setHistory] = useState<string[]>([]);
  const page = useApi<Page<AuditEntry>>(withQuery('/api/audit', { limit: 50, cursor, action: action.trim() || undefined }));
  const [open, setOpen] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<Error | undefined>();

  async function verify() {
    setError(undefined);
    try {
      setVerification(await api<AuditVerification>('/api/audit/verify'));
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  const entry = page.data?.data.find((row) => row.id === open);
  const isOwner = useRole().can('owner');
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Append-only and hash-chained: every management write, oldest first."
        actions={
          // Verifying reads every project's entries: the instance owner's.
          isOwner ? (
            <button type="button" className="button button-secondary" onClick={verify}>
              Verify chain
            </button>
          ) : undefined
        }
      />
      <ErrorNotice error={error} />
      {verification && (
        <div className={`notice ${verification.ok ? 'notice-good' : 'notice-bad'}`} data-testid="audit-verification">
          {verification.ok ? `Chain intact: ${verification.checked} entries checked.` : `Chain broken at entry ${verification.firstBrokenSeq}: ${verification.reason}`}
        </div>
      )}
      <div className={entry ? 'split' : undefined}>
        <Card
          title="Entries"
          actions={
            <input
              aria-label="Filter by action"
              placeholder="action, e.g. key.create"
              value={action}
              onChange={(event) => {
                setAction(event.target.value);
                setCursor(undefined);
                setHistory([]);
              }}
            />
          }
        >
          <ErrorNotice error={page.error} />
          {!page.data ? (
            <Loading error={page.error} />
          ) : (
            <DataTable
              label="audit entries"
              rows={page.data.data}
              rowKey={(row) => row.id}
              selectedKey={open}
              onRowClick={(row) => setOpen(row.id === open ? null : row.id)}
              empty="No entry matches."
              columns={[
                { header: '#', align: 'right', cell: (row) => row.seq },
                { header: 'When', cell: (row) => formatTime(row.at) },
                { header: 'Actor', wrap: true, cell: (row) => row.actor.name },
                { header: 'Action', cell: (row) => <span className="mono">{row.action}</span> },
                {
                  header: 'Resource',
                  cell: (row) => (
                    <span className="row" style={{ gap: 4 }}>
                      {row.resourceType} {row.resourceId && <Id value={row.resourceId} short />}
                    </span>
                  ),
                },
              ]}
            />
          )}
          <div className="row" style={{ justifyContent: 'flex-end', marginTop: 8 }}>
            <button
              type="button"
              className="button button-secondary"
              disabled={history.length === 0}
              onClick={() => {
                setCursor(history.at(-2));
                setHistory(history.slice(0, -1));
              }}
            >
              ← Earlier
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={!page.data?.next_cursor}
              onClick={() => {
                const next = page.data?.next_cursor ?? undefined;
                if (next) {
                  setHistory([...history, next]);
                  setCursor(next);
                }
              }}
            >
              Later →
            </button>
          </div>
        </Card>
        {entry && (
          <Card title={`${entry.action} #${entry.seq}`}>
            <h3>Before</h3>
            <JsonView value={entry.before} maxHeight={220} />
            <h3>After</h3>
            <JsonView value={entry.after} maxHeight={220} />
            <h3>Hash</h3>
            <div className="mono muted">{entry.hash}</div>
          </Card>
        )}
      </div>
    </>
  );
}
