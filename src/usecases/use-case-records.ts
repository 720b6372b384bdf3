// What the use-case service returns: the declared use case with its project and times.
import type { UseCasesTable } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import { type UseCase, UseCaseSchema } from './use-case-schema.js';

export interface UseCaseRecord extends UseCase {
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export function toUseCaseRecord(row: UseCasesTable): UseCaseRecord {
  const definition = UseCaseSchema.parse(fromJsonColumn<unknown>(row.definition_json, {}));
  return { ...definition, createdAt: new Date(Number(row.created_at)).toISOString(), updatedAt: new Date(Number(row.updated_at)).toISOString(), createdBy: row.created_by };
}

/** The declared part only, in the schema's field order (what export writes and apply compares). */
export function definitionOf(u: UseCase): UseCase {
  return { name: u.name, objective: u.objective, owners: u.owners, kpis: u.kpis, routes: u.routes, models: u.models, datasets: u.datasets, gates: u.gates };
}
