// Prompts: versioned templates, the labels (production, staging…) pointing at versions, and the
// history of every label move.
import type { List, Prompt, PromptLabelMove, PromptVersion } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { DataTable } from '../components/data-table';
import { formatAgo, formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

export function PromptsPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const prompts = useApi<List<Prompt>>(capabilities.has('/api/prompts') ? '/api/prompts' : null, { refreshMs: 10_000 });
  const selected = params[0] ?? null;
  if (capabilities.loaded && !capabilities.has('/api/prompts')) {
    return (
      <>
        <PageHeader title="Prompts" />
        <ApiMissing api="/api/prompts" what="Prompts" />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Prompts" subtitle="Versioned templates and the labels that choose a version." />
      <div className={selected ? 'split' : undefined}>
        <Card title="Prompts">
          <ErrorNotice error={prompts.error} />
          {!prompts.data ? (
            <Loading error={prompts.error} />
          ) : (
            <DataTable
              label="prompts"
              rows={prompts.data.data}
              rowKey={(prompt) => prompt.name}
              selectedKey={selected}
              onRowClick={(prompt) => navigate('prompts', prompt.name)}
              empty="No prompt yet (POST /api/prompts)."
              columns={[
                { header: 'Name', cell: (prompt) => <strong>{prompt.name}</strong> },
                { header: 'Latest', align: 'right', cell: (prompt) => `v${prompt.latestVersion}` },
                { header: 'Labels', wrap: true, cell: (prompt) => <div className="chips">{Object.entries(prompt.labels).map(([label, version]) => <Badge key={label} value={`${label} → v${version}`} tone={label === 'production' ? 'good' : 'info'} />)}</div> },
                { header: 'Updated', cell: (prompt) => formatAgo(prompt.updatedAt) },
              ]}
            />
          )}
        </Card>
        {selected && <PromptDetail name={selected} />}
      </div>
    </>
  );
}

function PromptDetail({ name }: { name: string }) {
  const base = `/api/prompts/${encodeURIComponent(name)}`;
  const versions = useApi<List<PromptVersion>>(`${base}/versions`);
  const labels = useApi<List<PromptLabelMove>>(`${base}/labels`);
  const latest = versions.data?.data[0];
  return (
    <div>
      <Card title={name} actions={<button type="button" className="button button-secondary" onClick={() => navigate('prompts')}>Close</button>}>
        <ErrorNotice error={versions.error} />
        {versions.data && (
          <DataTable
            label="prompt versions"
            rows={versions.data.data}
            rowKey={(version) => String(version.version)}
            columns={[
              { header: 'Version', cell: (version) => <strong>v{version.version}</strong> },
              { header: 'Kind', cell: (version) => version.kind.replaceAll('_', ' ') },
              { header: 'Variables', cell: (version) => version.variables.map((variable) => variable.name).join(', ') || '—' },
              { header: 'Labels', wrap: true, cell: (version) => <div className="chips">{version.labels.map((label) => <Badge key={label} value={label} tone={label === 'production' ? 'good' : 'info'} />)}</div> },
              { header: 'Message', wrap: true, cell: (version) => version.message || '—' },
              { header: 'Created', cell: (version) => formatAgo(version.createdAt) },
            ]}
          />
        )}
        {latest && (
          <>
            <h3>Template of v{latest.version}</h3>
            <JsonView value={latest.template} maxHeight={220} />
          </>
        )}
      </Card>
      <Card title="Label history">
        {labels.data && (
          <DataTable
            label="label history"
            rows={labels.data.data}
            rowKey={(move) => `${move.label}-${move.at}`}
            empty="No label has moved yet."
            columns={[
              { header: 'When', cell: (move) => formatTime(move.at) },
              { header: 'Label', cell: (move) => <Badge value={move.label} tone="info" /> },
              { header: 'Move', cell: (move) => `${move.from === null ? '∅' : `v${move.from}`} → ${move.to === null ? '∅' : `v${move.to}`}` },
              { header: 'By', cell: (move) => move.actor.name },
              { header: 'Why', wrap: true, cell: (move) => move.reason || '—' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
