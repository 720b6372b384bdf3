// Alerts: the rules that watch live metrics with their current status, and the history of what
// fired, resolved and was delivered.
import type { AlertEvent, AlertRule, List, Page } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader, StatCard } from '../components/card';
import { DataTable } from '../components/data-table';
import { formatAgo, formatNumber, formatTime } from '../components/format';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import type { PageProps } from './page-list';

function describeCondition(rule: AlertRule): string {
  const { type, ...rest } = rule.condition;
  const details = Object.entries(rest)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  return `${rule.aggregation}(${rule.metric}) over ${rule.windowSeconds}s: ${type}${details ? ` (${details})` : ''}`;
}

export function AlertsPage(_props: PageProps) {
  const capabilities = useCapabilities();
  const available = capabilities.has('/api/alerts/rules');
  const rules = useApi<List<AlertRule>>(available ? '/api/alerts/rules' : null, { refreshMs: 5000 });
  const events = useApi<Page<AlertEvent>>(available && capabilities.has('/api/alerts/events') ? '/api/alerts/events?limit=100' : null, { refreshMs: 5000 });

  if (capabilities.loaded && !available) {
    return (
      <>
        <PageHeader title="Alerts" />
        <ApiMissing api="/api/alerts/rules" what="Alerts" />
      </>
    );
  }

  const all = rules.data?.data ?? [];
  const names = new Map(all.map((rule) => [rule.id, rule.name]));
  const firing = all.filter((rule) => rule.status === 'firing').length;
  const pending = all.filter((rule) => rule.status === 'pending').length;
  return (
    <>
      <PageHeader title="Alerts" subtitle="Rules over live metrics and the events they fired." />
      <div className="grid grid-stats">
        <StatCard label="Firing" value={formatNumber(firing)} tone={firing ? 'bad' : 'good'} />
        <StatCard label="Pending" value={formatNumber(pending)} tone={pending ? 'warn' : undefined} />
        <StatCard label="Rules" value={formatNumber(all.length)} hint={`${all.filter((rule) => !rule.enabled).length} disabled`} />
      </div>
      <Card title="Rules">
        <ErrorNotice error={rules.error} />
        {!rules.data ? (
          <Loading error={rules.error} />
        ) : (
          <DataTable
            label="alert rules"
            rows={all}
            rowKey={(rule) => rule.id}
            empty="No alert rule yet (POST /api/alerts/rules)."
            columns={[
              { header: 'Name', cell: (rule) => <strong>{rule.name}</strong> },
              { header: 'Status', cell: (rule) => <Badge value={rule.enabled ? (rule.status ?? 'inactive') : 'disabled'} /> },
              { header: 'Severity', cell: (rule) => <Badge value={rule.severity} tone={rule.severity === 'critical' ? 'bad' : rule.severity === 'warning' ? 'warn' : 'info'} /> },
              { header: 'Condition', wrap: true, cell: (rule) => <span className="mono">{describeCondition(rule)}</span> },
              { header: 'For', align: 'right', cell: (rule) => `${rule.forSeconds}s` },
            ]}
          />
        )}
      </Card>
      <Card title="Events">
        <ErrorNotice error={events.error} />
        <DataTable
          label="alert events"
          rows={events.data?.data ?? []}
          rowKey={(event) => event.id}
          empty="Nothing has fired."
          columns={[
            { header: 'When', cell: (event) => <span title={formatTime(event.at)}>{formatAgo(event.at)}</span> },
            { header: 'Rule', cell: (event) => names.get(event.ruleId) ?? event.ruleId },
            { header: 'Event', cell: (event) => <Badge value={event.kind} /> },
            { header: 'Severity', cell: (event) => event.severity },
            { header: 'Observed', align: 'right', cell: (event) => formatNumber(event.observed, 3) },
            { header: 'Description', wrap: true, cell: (event) => `${event.description}${event.silencedBy ? ' (silenced)' : ''}` },
          ]}
        />
      </Card>
    </>
  );
}
