// Shapes of the evaluation API's answers that the pages read.

export interface MetricAggregate {
  name: string;
  n: number;
  errors: number;
  mean: number | null;
  ci: { lower: number; upper: number; confidence: number } | null;
  passRate: number | null;
  /** BLEU and chrF: the corpus-level score over the scored items, on sacreBLEU's 0–100 scale, with its signature. */
  corpus?: { score: number; sacrebleu: number; signature: string };
}

export interface RunSummary {
  items: number;
  callErrors: number;
  /** Items with a call error or a metric error (absent in summaries stored before it existed). */
  erroredItems?: number;
  metrics: Record<string, MetricAggregate>;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  tokens: { prompt: number; completion: number };
  costUsd: number;
}

export interface EvalRun {
  id: string;
  name: string;
  datasetId: string;
  datasetVersionId: string;
  target: string;
  model: { name: string; version: string } | null;
  metrics: { metric: string; name?: string }[];
  status: 'queued' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
  progress: { total: number; completed: number; failed: number; percent: number };
  summary: RunSummary | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface MetricComparison {
  metric: string;
  n: number;
  meanA: number;
  meanB: number;
  difference: number;
  ci: { lower: number; upper: number; confidence: number };
  pValue: number;
  significant: boolean;
  direction: 'improved' | 'regressed' | 'unchanged';
  regressions: { itemId: string; a: number; b: number; difference: number }[];
}

export interface RunComparison {
  a: string;
  b: string;
  alpha: number;
  metrics: MetricComparison[];
  skipped: string[];
}

export interface LeaderboardEntry {
  runId: string;
  target: string;
  model: { name: string; version: string } | null;
  datasetVersion: number;
  prompt: string | null;
  finishedAt: string | null;
  items: number;
  metrics: Record<string, { mean: number | null; ci: { lower: number; upper: number } | null; n: number }>;
}

/** Runs that went through every item (with or without errors): they can be compared. */
export function isFinished(run: Pick<EvalRun, 'status'>): boolean {
  return run.status === 'completed' || run.status === 'completed_with_errors';
}

export function runLabel(run: Pick<EvalRun, 'name' | 'target' | 'model'>): string {
  return run.name || (run.model ? `${run.model.version}` : run.target);
}
