// Builds the artifact service over the configured engine, with this replica's cache in its data dir.
import { join } from 'node:path';
import { ArtifactService, openArtifactStore } from '../artifacts/index.js';
import type { StewardConfig } from '../config/index.js';
import type { SecretService } from '../governance/index.js';
import type { Store } from '../store/index.js';
import type { Lifecycle } from './lifecycle.js';

export async function buildArtifacts(o: { config: StewardConfig; store: Store; secrets: SecretService; projectId: string; dataDir: string; lifecycle: Lifecycle }): Promise<ArtifactService> {
  const blobs = await openArtifactStore({ settings: o.config.artifacts, store: o.store, dataDir: o.dataDir, revealSecret: (name) => o.secrets.reveal(o.projectId, name) });
  const artifacts = new ArtifactService({ store: o.store, blobs, cacheDir: join(o.dataDir, 'artifact-cache') });
  o.lifecycle.onClose('artifacts', () => artifacts.close());
  return artifacts;
}
