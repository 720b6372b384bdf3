// The use-case section of a declarative document: what `apply` plans for each declared use case
// (create / update / unchanged against the project's), and the store the section reads and writes.
import type { Actor } from '../governance/index.js';
import type { Tx } from '../store/index.js';
import type { UseCase } from '../usecases/use-case-schema.js';
import type { PlanEntry } from './declarative-service.js';
import { sameValue } from './same-value.js';

/** The use cases `apply` writes inside its transaction and `export` lists (the use-case part implements it). */
export interface DeclarativeUseCases {
  /** The project's use cases, declared fields only, by name. */
  declared(projectId: string): Promise<UseCase[]>;
  putIn(tx: Tx, actor: Actor, useCase: UseCase): Promise<void>;
}

export async function planUseCases(useCases: DeclarativeUseCases | undefined, projectId: string, declared: readonly UseCase[]): Promise<PlanEntry[]> {
  if (declared.length === 0) return [];
  if (!useCases) return declared.map((u) => ({ kind: 'use_case', name: u.name, action: 'skipped', detail: 'use cases are not available in this process' }));
  const existing = await useCases.declared(projectId);
  return declared.map((u) => {
    const current = existing.find((e) => e.name === u.name);
    return { kind: 'use_case', name: u.name, action: !current ? 'create' : sameValue(current, u) ? 'unchanged' : 'update' };
  });
}
