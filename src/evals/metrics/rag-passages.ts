// The passages of a RAG item as the metrics read them: retrieved `contexts` in rank order and the
// `reference_contexts` that should have been retrieved, and whether both carry ids (then the
// retrieval metrics compare ids and need no judge).
import { type DatasetItem, passageOf } from '../../datasets/dataset-item.js';

export interface Passage {
  id?: string;
  text: string;
}

/** Retrieved passages, best-ranked first. */
export function retrievedPassages(item: DatasetItem): Passage[] {
  return (item.contexts ?? []).map(passageOf);
}

/** The passages that should have been retrieved. */
export function referencePassages(item: DatasetItem): Passage[] {
  return (item.reference_contexts ?? []).map(passageOf);
}

/** The ids of `passages` when every one has an id, else undefined. */
export function idsOf(passages: readonly Passage[]): string[] | undefined {
  const ids: string[] = [];
  for (const passage of passages) {
    if (passage.id === undefined) return undefined;
    ids.push(passage.id);
  }
  return ids;
}

/** Retrieved and reference ids when both lists are non-empty and fully identified, else undefined. */
export function rankedIds(item: DatasetItem): { retrieved: string[]; relevant: Set<string> } | undefined {
  const retrieved = idsOf(retrievedPassages(item));
  const relevant = idsOf(referencePassages(item));
  if (retrieved === undefined || relevant === undefined || retrieved.length === 0 || relevant.length === 0) return undefined;
  return { retrieved, relevant: new Set(relevant) };
}

/** Passages numbered for a judge prompt: `[1] text`, one per paragraph. */
export function numberedPassages(passages: readonly Passage[]): string {
  return passages.map((passage, i) => `[${i + 1}] ${passage.text}`).join('\n\n');
}
