// The dashboard's pages in sidebar order, each with the API it reads and the role it needs.
import type { ComponentType } from 'react';
import type { DashboardRole } from '../api/role';
import { AlertsPage } from './alerts-page';
import { AuditPage } from './audit-page';
import { DatasetsPage } from './datasets-page';
import { DriftPage } from './drift-page';
import { EvalsPage } from './evals-page';
import { ExperimentsPage } from './experiments-page';
import { KeysPage } from './keys-page';
import { LimitsPage } from './limits-page';
import { LineagePage } from './lineage-page';
import { ModelsPage } from './models-page';
import { OverviewPage } from './overview-page';
import { PipelinesPage } from './pipelines-page';
import { PlaygroundPage } from './playground-page';
import { PromptsPage } from './prompts-page';
import { RoutesPage } from './routes-page';
import { TracesPage } from './traces-page';
import { TrainingPage } from './training-page';
import { UseCasesPage } from './use-cases-page';

export interface PageProps {
  /** Route segments after the page's own, e.g. a selected id. */
  params: string[];
}

export interface PageEntry {
  id: string;
  title: string;
  /** The OpenAPI path the page needs; the sidebar dims pages whose API is absent. */
  api: string;
  /** The weakest role that may read the page (viewer when absent); others are told so once. */
  role?: DashboardRole;
  section: 'Observe' | 'Build' | 'Govern';
  component: ComponentType<PageProps>;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'overview', title: 'Overview', api: '/api/metrics/timeseries', section: 'Observe', component: OverviewPage },
  { id: 'use-cases', title: 'Use cases', api: '/api/use-cases', section: 'Observe', component: UseCasesPage },
  { id: 'traces', title: 'Traces', api: '/api/traces', section: 'Observe', component: TracesPage },
  { id: 'alerts', title: 'Alerts', api: '/api/alerts/rules', section: 'Observe', component: AlertsPage },
  { id: 'drift', title: 'Drift', api: '/api/drift/monitors', section: 'Observe', component: DriftPage },
  { id: 'experiments', title: 'Experiments', api: '/api/experiments', section: 'Observe', component: ExperimentsPage },
  { id: 'models', title: 'Models', api: '/api/models', section: 'Build', component: ModelsPage },
  { id: 'routes', title: 'Routes', api: '/api/routes', section: 'Build', component: RoutesPage },
  { id: 'prompts', title: 'Prompts', api: '/api/prompts', section: 'Build', component: PromptsPage },
  { id: 'datasets', title: 'Datasets', api: '/api/datasets', section: 'Build', component: DatasetsPage },
  { id: 'evals', title: 'Evaluations', api: '/api/evals/runs', section: 'Build', component: EvalsPage },
  { id: 'training', title: 'Training', api: '/api/training/jobs', section: 'Build', component: TrainingPage },
  { id: 'pipelines', title: 'Pipelines', api: '/api/pipelines', section: 'Build', component: PipelinesPage },
  { id: 'lineage', title: 'Lineage', api: '/api/models', section: 'Build', component: LineagePage },
  { id: 'playground', title: 'Playground', api: '/v1/models', role: 'developer', section: 'Build', component: PlaygroundPage },
  { id: 'keys', title: 'API keys', api: '/api/keys', role: 'admin', section: 'Govern', component: KeysPage },
  { id: 'limits', title: 'Limits', api: '/api/limits/routes/{name}', section: 'Govern', component: LimitsPage },
  { id: 'audit', title: 'Audit log', api: '/api/audit', role: 'admin', section: 'Govern', component: AuditPage },
];
