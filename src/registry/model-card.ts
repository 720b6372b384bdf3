// The model card: what a model is for and what it is not, editable by people, with training data
// and evaluation results filled in from the lineage of its versions.
import { z } from 'zod';
import type { VersionStatus } from './lifecycle.js';
import type { VersionSource } from './version-spec.js';

export const ModelCardSchema = z
  .object({
    intendedUse: z.string().max(10_000).optional(),
    limitations: z.string().max(10_000).optional(),
    trainingData: z.string().max(10_000).optional(),
    evaluationResults: z.string().max(10_000).optional(),
    ethicalConsiderations: z.string().max(10_000).optional(),
    license: z.string().max(200).optional(),
    owners: z.array(z.string().max(200)).max(50).optional(),
  })
  .strict();
export type ModelCard = z.infer<typeof ModelCardSchema>;

/** One version's part of the lineage shown on the card. */
export interface CardLineageEntry {
  version: string;
  status: VersionStatus;
  source: VersionSource;
  datasetVersionIds: string[];
  evalRunIds: string[];
}

/** The card as shown: the edited text plus the lineage of every version. */
export interface ComposedModelCard extends ModelCard {
  model: string;
  lineage: CardLineageEntry[];
  /** Dataset versions any version was trained or distilled on. */
  datasets: string[];
  /** Evaluation runs linked to any version. */
  evalRuns: string[];
}

export function composeModelCard(model: string, card: ModelCard, versions: readonly CardLineageEntry[]): ComposedModelCard {
  const datasets = [...new Set(versions.flatMap((v) => v.datasetVersionIds))];
  const evalRuns = [...new Set(versions.flatMap((v) => v.evalRunIds))];
  return {
    ...card,
    trainingData: card.trainingData ?? (datasets.length > 0 ? `Dataset versions: ${datasets.join(', ')}` : undefined),
    evaluationResults: card.evaluationResults ?? (evalRuns.length > 0 ? `Evaluation runs: ${evalRuns.join(', ')}` : undefined),
    model,
    lineage: [...versions],
    datasets,
    evalRuns,
  };
}
