// Progressive rollouts of a route: each step's traffic share and the rollout's progress through them.
import type { List } from '../../api/api-types';
import { useCapabilities } from '../../api/capabilities';
import { useApi } from '../../api/use-api';
import { Badge } from '../../components/badge';
import { Card } from '../../components/card';
import { DataTable } from '../../components/data-table';
import { formatAgo } from '../../components/format';
import { ApiMissing, ErrorNotice } from '../../components/notices';
import { ProgressBar } from '../../components/progress-bar';

/** A rollout as the deployments API reports it; fields beyond these are shown raw. */
export interface Rollout {
  id: string;
  route: string;
  state: string;
  step?: number;
  currentStep?: number;
  steps?: unknown[];
  totalSteps?: number;
  candidate?: string;
  target?: string;
  createdAt?: string;
  updatedAt?: string;
}

const ROLLOUTS_API = '/api/rollouts';

export function RolloutsCard({ route }: { route: string | null }) {
  const capabilities = useCapabilities();
  const available = capabilities.has(ROLLOUTS_API);
  const rollouts = useApi<List<Rollout>>(available ? ROLLOUTS_API : null, { refreshMs: 5000 });
  if (!available) {
    return (
      <Card title="Rollouts">
        <ApiMissing api={ROLLOUTS_API} what="Progressive rollouts" />
      </Card>
    );
  }
  const rows = (rollouts.data?.data ?? []).filter((rollout) => !route || rollout.route === route);
  return (
    <Card title={route ? `Rollouts of ${route}` : 'Rollouts'}>
      <ErrorNotice error={rollouts.error} />
      <DataTable
        label="rollouts"
        rows={rows}
        rowKey={(rollout) => rollout.id}
        empty="No rollout."
        columns={[
          { header: 'Route', cell: (rollout) => rollout.route },
          { header: 'Candidate', cell: (rollout) => rollout.candidate ?? rollout.target ?? '—' },
          { header: 'State', cell: (rollout) => <Badge value={rollout.state} /> },
          {
            header: 'Steps',
            cell: (rollout) => {
              const total = rollout.totalSteps ?? rollout.steps?.length ?? 0;
              const done = rollout.currentStep ?? rollout.step ?? 0;
              return total ? <ProgressBar value={done / total} label={`rollout ${rollout.id}`} state={rollout.state} /> : '—';
            },
          },
          { header: 'Updated', cell: (rollout) => formatAgo(rollout.updatedAt ?? rollout.createdAt) },
        ]}
      />
    </Card>
  );
}
