// The extension point of the loop: one step of a pipeline run. A step reads what earlier steps
// produced from the context, does its work through another part's service, and reports the
// artifacts it made so the run record links to them.
import type { Actor } from '../governance/index.js';
import type { MigrationPlan } from './migration/find-migration.js';
import type { PipelineDefinition } from './pipeline-definition.js';

export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const ARTIFACT_KINDS = ['dataset_version', 'training_job', 'model_version', 'eval_run', 'rollout'] as const;
export type PipelineArtifactKind = (typeof ARTIFACT_KINDS)[number];

export interface PipelineArtifact {
  kind: PipelineArtifactKind;
  id: string;
  /** A human name (`support-data v3`, `support-bot-004`). */
  label?: string;
}

/** What the steps of one run share. */
export interface PipelineContext {
  actor: Actor;
  runId: string;
  definition: PipelineDefinition;
  datasetVersionId?: string;
  trainingJobId?: string;
  /** The candidate version's id and name (`support-bot-004`). */
  modelVersionId?: string;
  modelVersionName?: string;
  gatePassed?: boolean;
  /** The evaluate step's verdict in one line (scores, interval, rule). */
  gateVerdict?: string;
  /** A migration run's plan: what is discontinued, when, and what replaces it. */
  migration?: MigrationPlan;
  /** Progress lines for the run's log and the CLI. */
  say(message: string): void;
}

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'skipped';
  detail: string;
  artifacts?: PipelineArtifact[];
}

export interface PipelineStep {
  readonly name: string;
  run(ctx: PipelineContext): Promise<StepOutcome>;
}
