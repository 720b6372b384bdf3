// Aggregates of a run: per metric the mean score with a bootstrap confidence interval, pass, fail
// and error rates (errors are counted, never scored as zero); per run latency, tokens and cost.
import { bootstrapCi, mean, quantile } from '../../statistics/index.js';
import { type CorpusScore, corpusScore } from '../metrics/corpus-scores.js';
import type { ItemResult } from '../runs/run-records.js';

export interface MetricAggregate {
  name: string;
  /** Items with a score. */
  n: number;
  errors: number;
  skipped: number;
  mean: number | null;
  ci: { lower: number; upper: number; confidence: number } | null;
  /** Share of scored items that passed, when the metric reports pass/fail. */
  passRate: number | null;
  failRate: number | null;
  /** Share of evaluated items the metric could not score. */
  errorRate: number;
  /** BLEU and chrF: the corpus-level score (sacreBLEU's corpus_bleu / corpus_chrf over the scored items), with its signature. */
  corpus?: CorpusScore;
}

export interface RunSummary {
  items: number;
  callErrors: number;
  /** Items with a call error or at least one metric error: what a gate's `maxErrorRate` bounds. */
  erroredItems: number;
  metrics: Record<string, MetricAggregate>;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  tokens: { prompt: number; completion: number };
  costUsd: number;
}

export function aggregateResults(results: readonly ItemResult[], metricNames: readonly string[], options: { resamples?: number; seed?: number } = {}): RunSummary {
  const metrics: Record<string, MetricAggregate> = {};
  for (const name of metricNames) {
    const scores: number[] = [];
    const contributions: unknown[] = [];
    let errors = 0;
    let skipped = 0;
    let passed = 0;
    let judged = 0;
    for (const result of results) {
      if (result.callError !== null) continue;
      const score = result.scores[name];
      if (score === undefined) continue;
      if (score.error !== undefined) errors++;
      else if (score.skipped !== undefined) skipped++;
      else {
        scores.push(score.score);
        contributions.push(score.details?.corpus);
        if (score.passed !== undefined) {
          judged++;
          if (score.passed) passed++;
        }
      }
    }
    const ci = scores.length > 0 ? bootstrapCi(scores, { resamples: options.resamples ?? 2000, seed: options.seed ?? 1 }) : null;
    const evaluated = scores.length + errors;
    metrics[name] = {
      name,
      n: scores.length,
      errors,
      skipped,
      mean: scores.length > 0 ? mean(scores) : null,
      ci: ci ? { lower: ci.lower, upper: ci.upper, confidence: ci.confidence } : null,
      passRate: judged > 0 ? passed / judged : null,
      failRate: judged > 0 ? (judged - passed) / judged : null,
      errorRate: evaluated > 0 ? errors / evaluated : 0,
    };
    const corpus = corpusScore(contributions);
    if (corpus !== null) metrics[name].corpus = corpus;
  }
  const latencies = results.filter((r) => r.latencyMs !== null && r.callError === null).map((r) => r.latencyMs as number);
  return {
    items: results.length,
    callErrors: results.filter((r) => r.callError !== null).length,
    erroredItems: results.filter((r) => r.callError !== null || metricNames.some((name) => r.scores[name]?.error !== undefined)).length,
    metrics,
    latencyMs: latencies.length > 0 ? { mean: mean(latencies), p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) } : null,
    tokens: {
      prompt: results.reduce((sum, r) => sum + (r.usage?.prompt_tokens ?? 0), 0),
      completion: results.reduce((sum, r) => sum + (r.usage?.completion_tokens ?? 0), 0),
    },
    costUsd: results.reduce((sum, r) => sum + (r.costUsd ?? 0), 0),
  };
}
