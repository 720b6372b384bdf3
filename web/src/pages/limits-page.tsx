// Limits: each key's and route's requests/min, tokens/min and USD budget with what is settled,
// reserved by calls in flight and remaining — read from the counters enforcement uses. Admins set a
// key's limits here; everyone else (and route limits, which live in the route's config) is read-only.
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import type { ApiKey, KeyLimits, KeyLimitsUpdate, List, Me, Route, RouteLimits } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { formatNumber, formatUsd } from '../components/format';
import { ApiMissing, Empty, ErrorNotice, Loading } from '../components/notices';
import { budgetOption } from './limits/limit-chart';
import { type LimitRow, hasLimits } from './limits/limit-types';
import type { PageProps } from './page-list';

const REFRESH_MS = 5000;
const PERIODS = ['hour', 'day', 'week', 'month'] as const;

/** Reads every key's (admins only) and route's limits and usage, again every few seconds. */
function useLimitRows(isAdmin: boolean, enabled: boolean): { rows: LimitRow[] | undefined; error: Error | undefined; reload(): void } {
  const keys = useApi<List<ApiKey>>(enabled && isAdmin ? '/api/keys' : null, { refreshMs: REFRESH_MS });
  const routes = useApi<List<Route>>(enabled ? '/api/routes' : null, { refreshMs: REFRESH_MS });
  const [rows, setRows] = useState<LimitRow[] | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const keyList = keys.data?.data;
  const routeList = routes.data?.data;
  const keysReady = !isAdmin || keyList !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger and must re-run the reads.
  useEffect(() => {
    if (!keysReady || routeList === undefined) return;
    const controller = new AbortController();
    const signal = controller.signal;
    const keyReads = (keyList ?? []).map(async (key): Promise<LimitRow> => ({ kind: 'key', id: key.id, name: key.name, ...(await api<KeyLimits>(`/api/limits/keys/${encodeURIComponent(key.id)}`, { signal })) }));
    const routeReads = routeList.map(async (route): Promise<LimitRow> => ({ kind: 'route', id: route.name, name: route.name, ...(await api<RouteLimits>(`/api/limits/routes/${encodeURIComponent(route.name)}`, { signal })) }));
    Promise.all([...keyReads, ...routeReads])
      .then((all) => {
        setRows(all.filter(hasLimits));
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (!signal.aborted) setError(caught instanceof Error ? caught : new Error(String(caught)));
      });
    return () => controller.abort();
  }, [keyList, routeList, keysReady, tick]);

  return { rows, error: keys.error ?? routes.error ?? error, reload: () => setTick((value) => value + 1) };
}

export function LimitsPage(_props: PageProps) {
  const capabilities = useCapabilities();
  const me = useApi<Me>('/api/me');
  const offered = capabilities.has('/api/limits/routes/{name}');
  const isAdmin = me.data?.role === 'admin' || me.data?.role === 'owner';
  const { rows, error, reload } = useLimitRows(isAdmin, offered && me.data !== undefined);

  if (capabilities.loaded && !offered) {
    return (
      <>
        <PageHeader title="Limits" />
        <ApiMissing api="/api/limits/routes/{name}" what="Limits" />
      </>
    );
  }

  const budgets = (rows ?? []).filter((row) => row.limits.budgetUsd !== undefined);
  return (
    <>
      <PageHeader
        title="Limits"
        subtitle={
          <>
            Requests, tokens and spend per key and route. <strong>Reserved</strong> is the worst case held by calls in flight; remaining = limit − used − reserved.
            {me.data && !isAdmin && ' Key limits are shown to admins only; this view is read-only.'}
          </>
        }
      />
      {isAdmin && rows !== undefined && <KeyLimitsForm keys={rows} onSaved={reload} />}
      <Card title="Limits and usage">
        <ErrorNotice error={error} />
        {rows === undefined ? (
          !error && <Loading />
        ) : rows.length === 0 ? (
          <Empty>No limits configured: no key and no route has a request, token or budget limit (PUT /api/limits/keys/ID, or a route's limits).</Empty>
        ) : (
          <LimitsTable rows={rows} />
        )}
      </Card>
      {budgets.length > 0 && (
        <Card title="USD budgets">
          <Chart label="budgets" height={budgets.length * 40 + 80} option={budgetOption(budgets)} />
        </Card>
      )}
    </>
  );
}

const usd = (value: number | null) => formatUsd(value);

function LimitsTable({ rows }: { rows: LimitRow[] }) {
  return (
    <DataTable
      label="limits"
      rows={rows}
      rowKey={(row) => `${row.kind}:${row.id}`}
      columns={[
        { header: 'Scope', cell: (row) => <Badge value={row.kind} tone={row.kind === 'key' ? 'info' : 'muted'} /> },
        { header: 'Name', cell: (row) => <strong>{row.name}</strong> },
        {
          header: 'Requests/min',
          align: 'right',
          cell: (row) => (row.limits.requestsPerMinute === undefined ? '—' : <span data-field="requests">{`${formatNumber(row.usage.requests.used)} / ${formatNumber(row.limits.requestsPerMinute)}`}</span>),
        },
        {
          header: 'Tokens/min',
          align: 'right',
          cell: (row) =>
            row.limits.tokensPerMinute === undefined ? '—' : <span data-field="tokens" title={`${formatNumber(row.usage.tokens.reserved)} reserved`}>{`${formatNumber(row.usage.tokens.used)} / ${formatNumber(row.limits.tokensPerMinute)}`}</span>,
        },
        { header: 'Budget', align: 'right', cell: (row) => (row.limits.budgetUsd === undefined ? '—' : <span data-field="budget">{`${usd(row.limits.budgetUsd)} / ${row.limits.budgetPeriod}`}</span>) },
        { header: 'Used (settled)', align: 'right', cell: (row) => (row.limits.budgetUsd === undefined ? '—' : <span data-field="used">{usd(row.usage.spendUsd.used)}</span>) },
        { header: 'Reserved', align: 'right', cell: (row) => (row.limits.budgetUsd === undefined ? '—' : <span data-field="reserved">{usd(row.usage.spendUsd.reserved)}</span>) },
        {
          header: 'Remaining',
          align: 'right',
          cell: (row) =>
            row.limits.budgetUsd === undefined ? '—' : <span data-field="remaining" className={row.usage.spendUsd.remaining === 0 ? 'text-bad' : undefined}>{usd(row.usage.spendUsd.remaining)}</span>,
        },
      ]}
    />
  );
}

/** Admins: set or remove one key's own limits. */
function KeyLimitsForm({ keys, onSaved }: { keys: LimitRow[]; onSaved(): void }) {
  const all = useApi<List<ApiKey>>('/api/keys');
  const [keyId, setKeyId] = useState('');
  const [rpm, setRpm] = useState('');
  const [tpm, setTpm] = useState('');
  const [budget, setBudget] = useState('');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const [error, setError] = useState<Error | undefined>();
  const chosen = keyId || all.data?.data[0]?.id || '';
  const current = keys.find((row) => row.kind === 'key' && row.id === chosen);
  // Saving replaces the key's limits as a whole, so the form starts from what the chosen key has.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of key refills the form; a refresh of `current` must not overwrite typing.
  useEffect(() => {
    const limits = current?.override ? current.limits : undefined;
    setRpm(limits?.requestsPerMinute === undefined ? '' : String(limits.requestsPerMinute));
    setTpm(limits?.tokensPerMinute === undefined ? '' : String(limits.tokensPerMinute));
    setBudget(limits?.budgetUsd === undefined ? '' : String(limits.budgetUsd));
    setPeriod(PERIODS.find((value) => value === limits?.budgetPeriod) ?? 'month');
  }, [chosen]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const body: KeyLimitsUpdate = { budgetPeriod: period };
    if (rpm) body.requestsPerMinute = Number(rpm);
    if (tpm) body.tokensPerMinute = Number(tpm);
    if (budget) body.budgetUsd = Number(budget);
    try {
      await api(`/api/limits/keys/${encodeURIComponent(chosen)}`, { method: 'PUT', body });
      onSaved();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  async function remove() {
    setError(undefined);
    try {
      await api(`/api/limits/keys/${encodeURIComponent(chosen)}`, { method: 'DELETE' });
      onSaved();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  return (
    <Card title="Set a key's limits">
      <form className="filters" onSubmit={save}>
        <label className="field">
          Key
          <select aria-label="Key" value={chosen} onChange={(event) => setKeyId(event.target.value)}>
            {(all.data?.data ?? []).map((key) => (
              <option key={key.id} value={key.id}>
                {key.name} ({key.prefix}…)
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Requests/min
          <input type="number" min={1} step={1} value={rpm} onChange={(event) => setRpm(event.target.value)} placeholder="none" />
        </label>
        <label className="field">
          Tokens/min
          <input type="number" min={1} step={1} value={tpm} onChange={(event) => setTpm(event.target.value)} placeholder="none" />
        </label>
        <label className="field">
          Budget (USD)
          <input type="number" min={0} step="any" value={budget} onChange={(event) => setBudget(event.target.value)} placeholder="none" />
        </label>
        <label className="field">
          Period
          <select value={period} onChange={(event) => setPeriod(event.target.value as typeof period)}>
            {PERIODS.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={!chosen || (!rpm && !tpm && !budget)}>
          Save limits
        </button>
        <button type="button" className="button button-secondary" disabled={!current?.override} onClick={remove}>
          Remove
        </button>
      </form>
      <ErrorNotice error={error ?? all.error} />
    </Card>
  );
}
