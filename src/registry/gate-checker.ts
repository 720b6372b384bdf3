// Promotion gates: before a version goes to production, every gate configured on its model must
// pass. A GateChecker decides one gate; evaluations implement it with eval runs, and manual
// approvals stand in until then (or alongside, through anyGateChecker).
import type { Db } from '../store/index.js';

/** The outcome of one gate for one version. */
export interface GateResult {
  passed: boolean;
  /** The evaluation run that decided it, recorded with the promotion. */
  evalRunId?: string;
  reason: string;
}

/** One gate's result as recorded with a promotion (and returned by `…/gates`). */
export interface GateOutcome extends GateResult {
  gate: string;
}

/** What a checker is told about the version being promoted. */
export interface GateSubject {
  /** The model and its project: a gate is looked up in the model's own project, never another's. */
  model: { id: string; name: string; projectId: string };
  version: { id: string; name: string; seq: number; evalRunIds: readonly string[]; datasetVersionIds: readonly string[] };
}

/** Decides whether one named gate passes for one version. */
export interface GateChecker {
  check(model: GateSubject['model'], version: GateSubject['version'], gateName: string): Promise<GateResult>;
}

/** Passes a gate when someone recorded an approval of it for the version (`POST …/approvals`). */
export class ApprovalGateChecker implements GateChecker {
  readonly #db: () => Db;

  /** `db` is read at check time, so a promotion sees approvals written in its own transaction. */
  constructor(db: () => Db) {
    this.#db = db;
  }

  async check(_model: GateSubject['model'], version: GateSubject['version'], gateName: string): Promise<GateResult> {
    const approval = await this.#db()
      .selectFrom('model_approvals')
      .select(['actor_name', 'at', 'reason'])
      .where('version_id', '=', version.id)
      .where('gate', '=', gateName)
      .orderBy('at', 'desc')
      .executeTakeFirst();
    if (!approval) return { passed: false, reason: `gate ${gateName}: no approval recorded for ${version.name}` };
    return { passed: true, reason: `gate ${gateName}: approved by ${approval.actor_name} at ${new Date(Number(approval.at)).toISOString()}` };
  }
}

/** A gate passes when any of the checkers passes it (first pass wins; reasons of failures are joined). */
export function anyGateChecker(checkers: readonly GateChecker[]): GateChecker {
  return {
    async check(model, version, gateName) {
      const reasons: string[] = [];
      for (const checker of checkers) {
        const result = await checker.check(model, version, gateName);
        if (result.passed) return result;
        reasons.push(result.reason);
      }
      return { passed: false, reason: reasons.join('; ') || `gate ${gateName}: no checker` };
    },
  };
}
