// Where each kind of thing a pipeline step or a lineage walk finds is shown in the dashboard.
import { href } from '../../router/hash-route';

export const NODE_KINDS = ['trace', 'dataset_version', 'training_job', 'model_version', 'eval_run', 'rollout'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const KIND_LABELS: Record<NodeKind, string> = {
  trace: 'trace',
  dataset_version: 'dataset version',
  training_job: 'training job',
  model_version: 'model version',
  eval_run: 'eval run',
  rollout: 'rollout',
};

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

/** The lineage view centred on a node. */
export function lineageHref(kind: NodeKind, id: string): string {
  return href('lineage', kind, id);
}

/** Where a page needs more than the id: the dataset or model a version belongs to, a rollout's route. */
export interface NodeContext {
  dataset?: string;
  /** A dataset version's number (`3` of `support@3`): the datasets page selects versions by number. */
  datasetVersion?: string;
  model?: string;
  /** A model version's name (`support-002`): the models page selects versions by name. */
  version?: string;
  route?: string;
}

/** A model version's model, read from its name (`support-002` → `support`). */
export function modelOfVersionName(name: string | undefined): string | undefined {
  return name && /-\d{3,}$/.test(name) ? name.replace(/-\d{3,}$/, '') : undefined;
}

/** The page that shows a node itself. */
export function pageHref(kind: string, id: string, context: NodeContext = {}): string | null {
  switch (kind) {
    case 'trace':
      return href('traces', id);
    case 'dataset_version':
      return context.dataset ? (context.datasetVersion ? href('datasets', context.dataset, context.datasetVersion) : href('datasets', context.dataset)) : href('datasets');
    case 'training_job':
      return href('training', id);
    case 'model_version':
      return context.model ? href('models', context.model, context.version ?? id) : href('models');
    case 'eval_run':
      return href('evals', id);
    case 'rollout':
      return context.route ? href('routes', context.route) : href('routes');
    default:
      return null;
  }
}
