// The discontinuation trigger: a migration pipeline is due once the version its route calls (or
// the base it was fine-tuned from) is within `leadDays` of its discontinuation date.
import type { MigrationDue } from '../pipeline-service.js';
import { type MigrationReads, describePlan, findMigration } from './find-migration.js';

export function migrationDue(reads: MigrationReads): MigrationDue {
  return async (projectId, spec, now) => {
    const found = await findMigration(reads, projectId, spec);
    if (!('plan' in found) || now < found.plan.dueAt) return undefined;
    return `${describePlan(found.plan)}; due since ${new Date(found.plan.dueAt).toISOString().slice(0, 10)} (${spec.leadDays} days ahead)`;
  };
}
