// What the evaluation pages work out from a run (its shapes are the SDK's, in api/api-types).
import type { EvalRun } from '../../api/api-types';

/** Runs that went through every item (with or without errors): they can be compared. */
export function isFinished(run: Pick<EvalRun, 'status'>): boolean {
  return run.status === 'completed' || run.status === 'completed_with_errors';
}

export function runLabel(run: Pick<EvalRun, 'name' | 'target' | 'model'>): string {
  return run.name || (run.model ? `${run.model.version}` : run.target);
}
