// The datasets service as training's data source: reads every item of a dataset version by id,
// page by page, using only the training split when the version has one.
import type { DatasetItem } from '../datasets/dataset-item.js';
import type { DatasetService } from '../datasets/index.js';
import type { TrainingDataSource } from './training-ports.js';

const PAGE = 1000;

export class DatasetTrainingDataSource implements TrainingDataSource {
  readonly #datasets: DatasetService;

  constructor(datasets: DatasetService) {
    this.#datasets = datasets;
  }

  async resolveVersion(projectId: string, ref: string): Promise<string> {
    const at = ref.lastIndexOf('@');
    if (at > 0) return (await this.#datasets.getVersion(projectId, ref.slice(0, at), ref.slice(at + 1))).id;
    return (await this.#datasets.getVersionById(ref)).id;
  }

  async loadItems(projectId: string, datasetVersionId: string): Promise<DatasetItem[]> {
    const version = await this.#datasets.getVersionById(datasetVersionId);
    const split = version.splits.train > 0 ? ('train' as const) : undefined;
    const items: DatasetItem[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await this.#datasets.items(projectId, version.dataset, version.version, { after, limit: PAGE, split });
      items.push(...page.map((p) => p.item));
      if (page.length < PAGE) return items;
      after = page[page.length - 1].position;
    }
  }
}
