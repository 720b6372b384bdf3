// What a developer does to one model version: see its gates, move it to a stage (production needs
// its gates passed, or a forced move with a reason), point an alias at it, or deprecate it with a
// sunset date. Each write goes through /api and is audited there; a viewer sees the gates only.
import { useState } from 'react';
import { api } from '../../api/api-client';
import { type List, type ModelGateOutcome, type ModelStage, type ModelVersion, MODEL_STAGES } from '../../api/api-types';
import { useRole } from '../../api/role';
import { useApi } from '../../api/use-api';
import { Badge } from '../../components/badge';
import { Card } from '../../components/card';
import { Id } from '../../components/copy-button';
import { DataTable } from '../../components/data-table';
import { ErrorNotice, Loading } from '../../components/notices';
import { TypedConfirm } from '../../components/typed-confirm';

export function VersionActions({ model, version, onChange }: { model: string; version: ModelVersion; onChange(): void }) {
  const { can } = useRole();
  const base = `/api/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version.name)}`;
  const gates = useApi<List<ModelGateOutcome>>(`${base}/gates`);
  const [error, setError] = useState<Error | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [stage, setStage] = useState<string>(nextStage(version.status));
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const [alias, setAlias] = useState('');
  const [sunset, setSunset] = useState('');
  const [replacement, setReplacement] = useState('');

  async function run(what: string, call: () => Promise<unknown>) {
    setError(undefined);
    setMessage(null);
    try {
      await call();
      setMessage(what);
      gates.reload();
      onChange();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  const failing = (gates.data?.data ?? []).filter((gate) => !gate.passed);
  const why = reason.trim() || undefined;
  return (
    <Card title={`Version ${version.name}`}>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <Id value={version.id} />
        </dd>
        <dt>Stage</dt>
        <dd>
          <Badge value={version.status} />
        </dd>
      </dl>
      <h3>Gates</h3>
      <ErrorNotice error={gates.error} />
      {!gates.data ? (
        <Loading error={gates.error} />
      ) : (
        <DataTable
          label="gate results"
          rows={gates.data.data}
          rowKey={(gate) => gate.gate}
          empty="This model has no gates: any stage is allowed."
          columns={[
            { header: 'Gate', cell: (gate) => gate.gate },
            { header: 'Result', cell: (gate) => <Badge value={gate.passed ? 'pass' : 'fail'} /> },
            { header: 'Eval run', cell: (gate) => (gate.evalRunId ? <Id value={gate.evalRunId} short /> : '—') },
            { header: 'Why', wrap: true, cell: (gate) => gate.reason },
          ]}
        />
      )}
      <ErrorNotice error={error} />
      {message && (
        <div className="notice notice-good" role="status">
          {message}
        </div>
      )}
      {can('developer') && (
        <div data-testid="version-actions">
          <h3>Change stage</h3>
          <div className="filters">
            <label className="field">
              Stage
              <select aria-label="New stage" value={stage} onChange={(event) => setStage(event.target.value)}>
                {MODEL_STAGES.filter((value) => value !== version.status).map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
            </label>
            <label className="field spacer">
              Reason
              <input aria-label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} placeholder="why (kept in the history and audit log)" />
            </label>
            {stage === 'production' && failing.length > 0 && (
              <label className="row muted">
                <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} /> force past {failing.length} failing gate{failing.length === 1 ? '' : 's'}
              </label>
            )}
          </div>
          <TypedConfirm expected={version.name} action={`Move to ${stage}`} onConfirm={() => run(`${version.name} is now ${stage}.`, () => api(`${base}/stage`, { method: 'POST', body: { stage, reason: why, force: force && stage === 'production' } }))} />

          <h3>Point an alias here</h3>
          <div className="filters">
            <label className="field">
              Alias
              <input aria-label="Alias" value={alias} onChange={(event) => setAlias(event.target.value)} placeholder="canary" />
            </label>
            <button
              type="button"
              className="button button-secondary"
              disabled={!/^[a-z][a-z0-9-]*$/.test(alias)}
              onClick={() => run(`${alias} → ${version.name}.`, () => api(`/api/models/${encodeURIComponent(model)}/aliases/${encodeURIComponent(alias)}`, { method: 'PUT', body: { version: version.name, reason: why } }))}
            >
              Set alias
            </button>
          </div>

          {version.status !== 'deprecated' && version.status !== 'retired' && (
            <>
              <h3>Deprecate</h3>
              <div className="filters">
                <label className="field">
                  Sunset (after it, calls answer 410)
                  <input aria-label="Sunset date" type="date" value={sunset} onChange={(event) => setSunset(event.target.value)} />
                </label>
                <label className="field">
                  Replacement
                  <input aria-label="Replacement" value={replacement} onChange={(event) => setReplacement(event.target.value)} placeholder={`${model}-00N`} />
                </label>
              </div>
              <TypedConfirm
                expected={version.name}
                action="Deprecate"
                danger
                onConfirm={() =>
                  run(`${version.name} is deprecated.`, () =>
                    api(`${base}/deprecate`, { method: 'POST', body: { reason: why ?? 'deprecated from the dashboard', sunsetAt: sunset ? new Date(`${sunset}T00:00:00Z`).toISOString() : undefined, replacement: replacement.trim() || undefined } }),
                  )
                }
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function nextStage(status: ModelStage): string {
  const index = MODEL_STAGES.indexOf(status);
  return MODEL_STAGES[Math.min(index + 1, MODEL_STAGES.length - 1)] ?? 'staging';
}
