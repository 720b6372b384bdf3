// The public shape of an evaluation run and of one item's result, mapped from their rows.
import type { DatasetSplit } from '../../datasets/index.js';
import type { EvalResultsTable, EvalRunsTable } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import type { MetricResult } from '../metrics/index.js';
import type { Usage } from '../../providers/spec/index.js';
import type { RunSummary } from '../results/aggregate-results.js';
import type { MetricEntry, PromptSpec, RunGates, RunParams } from './run-spec.js';

/**
 * `completed`: every item has an output and every metric a score (or a deliberate skip);
 * `completed_with_errors`: the run went through, but some call or metric errored (counted, never scored);
 * `failed`: the run itself stopped on an error.
 */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Runs that went through every item: their outputs can be gated, compared and re-scored. */
export const FINISHED_RUN_STATUSES = ['completed', 'completed_with_errors'] as const satisfies readonly RunStatus[];

export function isFinishedRun(status: string): boolean {
  return (FINISHED_RUN_STATUSES as readonly string[]).includes(status);
}

/** Sampling and execution parameters, the split, and the gates the run was created with. */
export type RunRecordParams = RunParams & { split?: DatasetSplit; gates?: RunGates };

export interface EvalRun {
  id: string;
  name: string;
  projectId: string;
  datasetId: string;
  datasetVersionId: string;
  target: string;
  model: { name: string; version: string } | null;
  prompt: PromptSpec | null;
  metrics: MetricEntry[];
  params: RunRecordParams;
  status: RunStatus;
  progress: { total: number; completed: number; failed: number; percent: number };
  summary: RunSummary | null;
  error: string | null;
  rescoredFrom: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string | null;
}

/** Usage as the upstream reported it: the OpenAI counts, and any an upstream adds (audio, predictions…). */
export type ReportedUsage = Usage & Record<string, unknown>;

export interface ItemResult {
  itemId: string;
  position: number;
  output: string | null;
  latencyMs: number | null;
  usage: ReportedUsage | null;
  costUsd: number | null;
  callError: string | null;
  scores: Record<string, MetricResult>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function toRun(row: EvalRunsTable): EvalRun {
  const total = Number(row.total_items);
  const completed = Number(row.completed_items);
  return {
    id: row.id,
    name: row.name,
    projectId: row.project_id,
    datasetId: row.dataset_id,
    datasetVersionId: row.dataset_version_id,
    target: row.target,
    model: row.model_name && row.model_version ? { name: row.model_name, version: row.model_version } : null,
    prompt: fromJsonColumn<PromptSpec | null>(row.prompt_json, null),
    metrics: fromJsonColumn<MetricEntry[]>(row.metrics_json, []),
    params: fromJsonColumn<RunRecordParams>(row.params_json, { concurrency: 8, timeoutMs: 120_000, resamples: 2000 }),
    status: row.status as RunStatus,
    progress: { total, completed, failed: Number(row.failed_items), percent: total === 0 ? 100 : Math.round((completed / total) * 1000) / 10 },
    summary: fromJsonColumn<RunSummary | null>(row.summary_json, null),
    error: row.error,
    rescoredFrom: row.rescored_from,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    createdBy: row.created_by,
  };
}

export function toItemResult(row: EvalResultsTable): ItemResult {
  return {
    itemId: row.item_id,
    position: Number(row.position),
    output: row.output,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    usage: fromJsonColumn<ReportedUsage | null>(row.usage_json, null),
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    callError: row.call_error,
    scores: fromJsonColumn<Record<string, MetricResult>>(row.scores_json, {}),
  };
}
