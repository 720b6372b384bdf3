// The models a builtin provider serves: every model or adapter directory directly under its model
// directories, found by name, loaded on first use and kept (one runtime per model).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinRuntime, isAdapterDir, isModelDir, loadModel } from '../../model/index.js';

/** A model directory and when it was made. */
export interface CatalogEntry {
  id: string;
  dir: string;
  created: number;
}

/** Finds model directories and caches their runtimes. */
export class BuiltinModelCatalog {
  readonly #modelsDirs: readonly string[];
  readonly #runtimes = new Map<string, Promise<BuiltinRuntime>>();

  constructor(modelsDirs: readonly string[]) {
    this.#modelsDirs = modelsDirs;
  }

  /** Every model found, first directory wins on duplicate names. */
  list(): CatalogEntry[] {
    const seen = new Map<string, CatalogEntry>();
    for (const root of this.#modelsDirs) {
      if (!existsSync(root)) continue;
      for (const name of readdirSync(root).sort()) {
        const dir = join(root, name);
        if (seen.has(name) || !(isModelDir(dir) || isAdapterDir(dir))) continue;
        seen.set(name, { id: name, dir, created: Math.floor(statSync(dir).mtimeMs / 1000) });
      }
    }
    return [...seen.values()];
  }

  /** The directory of a model id, or undefined. */
  find(id: string): CatalogEntry | undefined {
    if (id.includes('/') || id.includes('\\') || id.startsWith('.')) return undefined;
    return this.list().find((e) => e.id === id);
  }

  /** The runtime of a model, loading it on first use. */
  runtime(entry: CatalogEntry): Promise<BuiltinRuntime> {
    let r = this.#runtimes.get(entry.dir);
    if (!r) {
      r = Promise.resolve().then(() => new BuiltinRuntime(loadModel(entry.dir, this.#modelsDirs), { maxBatch: 16 }));
      // a failed load is retried on the next request (the file may be fixed meanwhile)
      r.catch(() => this.#runtimes.delete(entry.dir));
      this.#runtimes.set(entry.dir, r);
    }
    return r;
  }
}
