// Two runs on the same dataset version, item by item: per metric the paired mean difference
// (b − a) with a bootstrap CI and p-values, and the items that got worse.
import { StewardError } from '../../errors/index.js';
import { comparePaired } from '../../statistics/index.js';
import type { EvalRun, ItemResult } from '../runs/run-records.js';

export const COMPARISON_DIRECTIONS = ['improved', 'regressed', 'unchanged'] as const;
export type ComparisonDirection = (typeof COMPARISON_DIRECTIONS)[number];

export interface MetricComparisonResult {
  metric: string;
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of (b − a) over the items both runs scored. */
  difference: number;
  ci: { lower: number; upper: number; confidence: number };
  /** Two-sided sign-flip permutation p-value. */
  pValue: number;
  /** Paired t-test p-value (null with fewer than two pairs). */
  tTestPValue: number | null;
  /** p < alpha, in either direction. */
  significant: boolean;
  direction: ComparisonDirection;
  regressions: { itemId: string; a: number; b: number; difference: number }[];
}

export interface RunComparison {
  a: string;
  b: string;
  datasetVersionId: string;
  alpha: number;
  metrics: MetricComparisonResult[];
  /** Metrics only one run has. */
  skipped: string[];
}

export interface CompareOptions {
  alpha?: number;
  /** An item regressed when its score dropped by more than this. */
  regressionThreshold?: number;
  /** Regressed items listed per metric. */
  maxRegressions?: number;
  resamples?: number;
}

function scoreOf(result: ItemResult | undefined, metric: string): number | undefined {
  if (!result || result.callError !== null) return undefined;
  const score = result.scores[metric];
  return score?.score;
}

export function compareRuns(runA: EvalRun, resultsA: readonly ItemResult[], runB: EvalRun, resultsB: readonly ItemResult[], options: CompareOptions = {}): RunComparison {
  if (runA.datasetVersionId !== runB.datasetVersionId) {
    throw new StewardError({
      code: 'EVAL_RUNS_NOT_COMPARABLE',
      message: `runs ${runA.id} and ${runB.id} evaluate different dataset versions; a paired comparison needs the same items`,
      details: { a: runA.datasetVersionId, b: runB.datasetVersionId },
    });
  }
  const alpha = options.alpha ?? 0.05;
  const namesA = new Set(runA.metrics.map((m) => m.name ?? m.metric));
  const namesB = new Set(runB.metrics.map((m) => m.name ?? m.metric));
  const common = [...namesA].filter((n) => namesB.has(n));
  if (common.length === 0) throw new StewardError({ code: 'EVAL_RUNS_NOT_COMPARABLE', message: 'the runs have no metric in common' });
  const byIdB = new Map(resultsB.map((r) => [r.itemId, r]));
  const metrics: MetricComparisonResult[] = [];
  for (const metric of common) {
    const a: number[] = [];
    const b: number[] = [];
    const ids: string[] = [];
    for (const result of resultsA) {
      const sa = scoreOf(result, metric);
      const sb = scoreOf(byIdB.get(result.itemId), metric);
      if (sa === undefined || sb === undefined) continue;
      a.push(sa);
      b.push(sb);
      ids.push(result.itemId);
    }
    if (a.length === 0) continue;
    const paired = comparePaired({ baseline: a, candidate: b, itemIds: ids, regressionThreshold: options.regressionThreshold ?? 0, resamples: options.resamples ?? 2000, seed: 1 });
    const significant = paired.permutationPValue < alpha;
    metrics.push({
      metric,
      n: paired.n,
      meanA: paired.baselineMean,
      meanB: paired.candidateMean,
      difference: paired.meanDifference,
      ci: { lower: paired.ci.lower, upper: paired.ci.upper, confidence: paired.ci.confidence },
      pValue: paired.permutationPValue,
      tTestPValue: paired.tTest?.pValue ?? null,
      significant,
      direction: !significant || paired.meanDifference === 0 ? 'unchanged' : paired.meanDifference > 0 ? 'improved' : 'regressed',
      regressions: paired.regressions.slice(0, options.maxRegressions ?? 50).map((r) => ({ itemId: r.itemId, a: r.baseline, b: r.candidate, difference: r.difference })),
    });
  }
  return { a: runA.id, b: runB.id, datasetVersionId: runA.datasetVersionId, alpha, metrics, skipped: [...new Set([...namesA, ...namesB])].filter((n) => !common.includes(n)) };
}
