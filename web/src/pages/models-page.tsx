// Models: the registry — each model's versions with their lifecycle stage, deprecation and sunset
// dates, the aliases pointing at them, and the full history of every alias move.
import type { AliasMove, List, Model, ModelVersion } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { DataTable } from '../components/data-table';
import { formatAgo, formatTime } from '../components/format';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { Id } from '../components/copy-button';
import { navigate } from '../router/hash-route';
import { VersionActions } from './models/version-actions';
import type { PageProps } from './page-list';

export function ModelsPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const models = useApi<List<Model>>(capabilities.has('/api/models') ? '/api/models' : null, { refreshMs: 10_000 });
  const selected = params[0] ?? null;

  if (capabilities.loaded && !capabilities.has('/api/models')) {
    return (
      <>
        <PageHeader title="Models" />
        <ApiMissing api="/api/models" what="Models" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Models" subtitle="The registry: immutable versions, lifecycle stages, aliases and their history." />
      <div className={selected ? 'split' : undefined}>
        <Card title="Models">
          <ErrorNotice error={models.error} />
          {!models.data ? (
            <Loading error={models.error} />
          ) : (
            <DataTable
              label="models"
              rows={models.data.data}
              rowKey={(model) => model.name}
              selectedKey={selected}
              onRowClick={(model) => navigate('models', model.name)}
              empty="No model registered yet (steward model create, or POST /api/models)."
              columns={[
                { header: 'Name', cell: (model) => <strong>{model.name}</strong> },
                { header: 'Versions', align: 'right', cell: (model) => model.versionCount },
                {
                  header: 'Aliases',
                  cell: (model) => (
                    <div className="chips">
                      {Object.entries(model.aliases).map(([alias, version]) => (
                        <Badge key={alias} value={`${alias} → ${version}`} tone={alias === 'production' ? 'good' : 'info'} />
                      ))}
                    </div>
                  ),
                },
                { header: 'Updated', cell: (model) => formatAgo(model.updatedAt) },
              ]}
            />
          )}
        </Card>
        {selected && <ModelDetail name={selected} versionName={params[1] ?? null} />}
      </div>
    </>
  );
}

function ModelDetail({ name, versionName }: { name: string; versionName: string | null }) {
  const base = `/api/models/${encodeURIComponent(name)}`;
  const model = useApi<Model>(base);
  const versions = useApi<List<ModelVersion>>(`${base}/versions`, { refreshMs: 10_000 });
  const aliases = useApi<List<AliasMove>>(`${base}/aliases`, { refreshMs: 10_000 });
  const now = Date.now();

  return (
    <div>
      <Card title={name} actions={<button type="button" className="button button-secondary" onClick={() => navigate('models')}>Close</button>}>
        <ErrorNotice error={model.error} />
        {model.data && (
          <dl className="facts">
            <dt>Description</dt>
            <dd>{model.data.description || '—'}</dd>
            <dt>Tags</dt>
            <dd className="chips">{model.data.tags.length ? model.data.tags.map((tag) => <Badge key={tag} value={tag} />) : '—'}</dd>
            <dt>Gates</dt>
            <dd className="chips">{model.data.gates.length ? model.data.gates.map((gate) => <Badge key={gate} value={gate} tone="info" />) : 'none'}</dd>
            <dt>Created</dt>
            <dd>{formatTime(model.data.createdAt)}</dd>
          </dl>
        )}
      </Card>
      <Card title="Versions">
        <ErrorNotice error={versions.error} />
        {!versions.data ? (
          <Loading error={versions.error} />
        ) : (
          <DataTable
            label="model versions"
            rows={versions.data.data}
            rowKey={(version) => version.name}
            selectedKey={versionName}
            onRowClick={(version) => navigate('models', name, version.name)}
            empty="No version yet."
            columns={[
              { header: 'Version', cell: (version) => <Id value={version.name} /> },
              { header: 'Stage', cell: (version) => <Badge value={version.status} /> },
              { header: 'Aliases', wrap: true, cell: (version) => <div className="chips">{version.aliases.map((alias) => <Badge key={alias} value={alias} tone="info" />)}</div> },
              {
                header: 'Deprecated / sunset',
                cell: (version) =>
                  version.deprecatedAt || version.sunsetAt ? (
                    <div>
                      <div className={version.deprecatedAt && Date.parse(version.deprecatedAt) <= now ? 'badge badge-warn' : ''}>from {formatTime(version.deprecatedAt)}</div>
                      <div className={version.sunsetAt && Date.parse(version.sunsetAt) <= now ? 'badge badge-bad' : 'muted'}>sunset {formatTime(version.sunsetAt)}</div>
                      {version.replacement && <div className="muted">use {version.replacement}</div>}
                    </div>
                  ) : (
                    '—'
                  ),
              },
              { header: 'Evals', align: 'right', cell: (version) => version.evalRunIds.length },
              { header: 'Created', cell: (version) => formatAgo(version.createdAt) },
            ]}
          />
        )}
      </Card>
      {versionName && versions.data?.data.find((version) => version.name === versionName) && (
        <VersionActions
          model={name}
          version={versions.data.data.find((version) => version.name === versionName) as ModelVersion}
          onChange={() => {
            versions.reload();
            aliases.reload();
            model.reload();
          }}
        />
      )}
      <Card title="Alias history">
        <ErrorNotice error={aliases.error} />
        {aliases.data && (
          <DataTable
            label="alias history"
            rows={aliases.data.data}
            rowKey={(move) => `${move.alias}-${move.at}-${move.to}`}
            empty="No alias has moved yet."
            columns={[
              { header: 'When', cell: (move) => formatTime(move.at) },
              { header: 'Alias', cell: (move) => <Badge value={move.alias} tone={move.alias === 'production' ? 'good' : 'info'} /> },
              { header: 'Move', cell: (move) => <span className="mono">{`${move.from ?? '∅'} → ${move.to ?? '∅'}`}</span> },
              { header: 'By', cell: (move) => move.actor.name },
              { header: 'Why', wrap: true, cell: (move) => move.reason || '—' },
              { header: 'Eval run', cell: (move) => (move.evalRunId ? <span className="mono">{move.evalRunId}</span> : '—') },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
