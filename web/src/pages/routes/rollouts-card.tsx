// Progressive (canary) rollouts of a route: the traffic share of each step, how far the rollout has
// gone through them, and buttons to pause, resume or abort it.
import { useState } from 'react';
import { api, withQuery } from '../../api/api-client';
import type { List, Rollout } from '../../api/api-types';
import { useCapabilities } from '../../api/capabilities';
import { useRole } from '../../api/role';
import { useApi } from '../../api/use-api';
import { Badge } from '../../components/badge';
import { Card } from '../../components/card';
import { DataTable } from '../../components/data-table';
import { formatAgo } from '../../components/format';
import { ApiMissing, ErrorNotice } from '../../components/notices';
import { ProgressBar } from '../../components/progress-bar';

const ROLLOUTS_API = '/api/rollouts';

export function RolloutsCard({ route }: { route: string | null }) {
  const capabilities = useCapabilities();
  const available = capabilities.has(ROLLOUTS_API);
  const rollouts = useApi<List<Rollout>>(available ? withQuery(ROLLOUTS_API, { route }) : null, { refreshMs: 5000 });
  const [error, setError] = useState<Error | undefined>();
  const { can } = useRole();
  if (!available) {
    return (
      <Card title="Rollouts">
        <ApiMissing api={ROLLOUTS_API} what="Progressive rollouts" />
      </Card>
    );
  }

  async function act(rollout: Rollout, action: 'pause' | 'resume' | 'abort') {
    setError(undefined);
    try {
      await api(`${ROLLOUTS_API}/${encodeURIComponent(rollout.id)}/${action}`, { method: 'POST', body: { reason: `${action} from the dashboard` } });
      rollouts.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  return (
    <Card title={route ? `Rollouts of ${route}` : 'Rollouts'}>
      <ErrorNotice error={rollouts.error ?? error} />
      <DataTable
        label="rollouts"
        rows={rollouts.data?.data ?? []}
        rowKey={(rollout) => rollout.id}
        empty="No rollout (POST /api/rollouts starts a canary)."
        columns={[
          { header: 'Route', cell: (rollout) => rollout.route },
          { header: 'Target', cell: (rollout) => <span className="mono">{rollout.target}</span> },
          { header: 'Status', cell: (rollout) => <Badge value={rollout.status} /> },
          {
            header: 'Steps',
            width: '30%',
            cell: (rollout) => (
              <div>
                <ProgressBar value={rollout.status === 'completed' ? 1 : rollout.steps.length ? rollout.stepIndex / rollout.steps.length : 0} label={`rollout ${rollout.id}`} state={rollout.status} />
                <div className="muted">
                  {rollout.steps.map((step, index) => (index === rollout.stepIndex && rollout.status !== 'completed' ? `[${step}%]` : `${step}%`)).join(' → ')} · now {rollout.percent}%
                </div>
              </div>
            ),
          },
          { header: 'Why', wrap: true, cell: (rollout) => rollout.reason ?? '—' },
          { header: 'Updated', cell: (rollout) => formatAgo(rollout.updatedAt) },
          {
            header: '',
            cell: (rollout) =>
              (rollout.status === 'running' || rollout.status === 'paused') && can('developer') ? (
                <div className="row">
                  <button type="button" className="button button-secondary button-small" onClick={() => act(rollout, rollout.status === 'running' ? 'pause' : 'resume')}>
                    {rollout.status === 'running' ? 'Pause' : 'Resume'}
                  </button>
                  <button type="button" className="button button-danger button-small" onClick={() => act(rollout, 'abort')}>
                    Abort
                  </button>
                </div>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
