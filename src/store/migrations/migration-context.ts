// What a migration may know about the engine it runs on, for the rare statement that differs.
import type { StoreEngine } from '../store.js';

export interface MigrationContext {
  engine: StoreEngine;
}
