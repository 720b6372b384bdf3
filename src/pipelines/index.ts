// The loop: retraining pipelines (curate → train → evaluate and gate → canary rollout → promote or
// roll back) triggered by a schedule, an alert, drift or new feedback, and migration pipelines
// (plan → re-train or take the replacement → evaluate → canary → move the alias) triggered by a
// discontinuation date; each run recorded with the artifacts its steps made.
export { PIPELINE_KINDS, type PipelineKind, MigrationSpecSchema, type MigrationSpec, PIPELINE_TRIGGER_KINDS, type PipelineTriggerKind, PipelineDefinitionSchema, type PipelineDefinition, type PipelineDefinitionInput, parsePipelineDefinition } from './pipeline-definition.js';
export { ARTIFACT_KINDS, STEP_STATUSES, type PipelineArtifact, type PipelineArtifactKind, type PipelineContext, type PipelineStep, type StepOutcome, type StepStatus } from './pipeline-step.js';
export { PipelineService, type MigrationDue, type PipelineRecord, type PipelineRunRecord } from './pipeline-service.js';
export { type MigrationPlan, type MigrationReads, findMigration } from './migration/find-migration.js';
export { migrationReads } from './migration/migration-reads.js';
export { migrationDue } from './migration/migration-due.js';
export { PlanMigrationStep } from './migration/plan-migration-step.js';
export { RetrainStep } from './migration/retrain-step.js';
export { ConcludeMigrationStep, type MigrationOutcomeSink, migrationMetrics } from './migration/conclude-migration-step.js';
export { DeclaredPipelineSchema, type DeclaredPipeline } from './declared-pipeline-schema.js';
export { listDeclaredPipelines, putDeclaredPipelineIn } from './declared-pipelines.js';
export { CurateStep, curateFeedback } from './steps/curate-step.js';
export { TrainStep } from './steps/train-step.js';
export { EvaluateStep } from './steps/evaluate-step.js';
export { RolloutStep } from './steps/rollout-step.js';
