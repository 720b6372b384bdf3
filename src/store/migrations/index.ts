// The migrations of the one schema: the same list runs on SQLite and PostgreSQL at start, in the
// order of their names. Adding one is one file and one line here.
import type { Kysely } from 'kysely';
import * as foundation from './001-foundation.js';
import * as gateway from './010-gateway.js';
import * as registry from './020-registry.js';
import * as prompts from './021-prompts.js';
import * as deployments from './022-deployments.js';
import * as datasets from './030-datasets.js';
import * as evals from './031-evals.js';
import * as monitoring from './040-monitoring.js';
import * as training from './041-training.js';
import * as drift from './042-drift.js';
import * as pipelines from './043-pipelines.js';
import * as annotation from './044-annotation.js';
import * as instanceOwner from './050-instance-owner.js';
import * as projectScoping from './051-project-scoping.js';
import * as projectPrices from './061-project-prices.js';
import * as projectSpans from './071-project-spans.js';
import * as projectNames from './081-project-names.js';
import * as projectProviderNames from './091-project-provider-names.js';
import * as activeRouteKeys from './101-active-route-keys.js';
import * as gatewayFileDigests from './110-gateway-file-digests.js';
import * as driftSchedule from './111-drift-schedule.js';
import * as pipelineRunHeartbeat from './112-pipeline-run-heartbeat.js';
import * as auditMac from './052-audit-mac.js';
import * as userSessions from './062-user-sessions.js';
import * as limitCounters from './053-limit-counters.js';
import * as evalErrorBudget from './055-eval-error-budget.js';
import * as artifacts from './057-artifacts.js';
import * as storedResponses from './058-stored-responses.js';
import * as experimentDecisions from './120-experiment-decisions.js';
import * as rolloutVerdicts from './121-rollout-verdicts.js';
import * as useCases from './125-use-cases.js';
import type { MigrationContext } from './migration-context.js';

export interface MigrationModule {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

export const MIGRATIONS: ReadonlyArray<readonly [string, MigrationModule]> = [
  ['001-foundation', foundation],
  ['010-gateway', gateway],
  ['020-registry', registry],
  ['021-prompts', prompts],
  ['022-deployments', deployments],
  ['030-datasets', datasets],
  ['031-evals', evals],
  ['040-monitoring', monitoring],
  ['041-training', training],
  ['042-drift', drift],
  ['043-pipelines', pipelines],
  ['044-annotation', annotation],
  ['050-instance-owner', instanceOwner],
  ['051-project-scoping', projectScoping],
  ['052-audit-mac', auditMac],
  ['053-limit-counters', limitCounters],
  ['055-eval-error-budget', evalErrorBudget],
  ['057-artifacts', artifacts],
  ['058-stored-responses', storedResponses],
  ['061-project-prices', projectPrices],
  ['062-user-sessions', userSessions],
  ['071-project-spans', projectSpans],
  ['081-project-names', projectNames],
  ['091-project-provider-names', projectProviderNames],
  ['101-active-route-keys', activeRouteKeys],
  ['120-experiment-decisions', experimentDecisions],
  ['121-rollout-verdicts', rolloutVerdicts],
  ['125-use-cases', useCases],
  ['110-gateway-file-digests', gatewayFileDigests],
  ['111-drift-schedule', driftSchedule],
  ['112-pipeline-run-heartbeat', pipelineRunHeartbeat],
];
