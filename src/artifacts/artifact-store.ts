// The artifact store: immutable blobs named by the sha256 of their bytes (model weights, LoRA
// adapters, tokenizers, checkpoints, data files), so every replica can fetch what another wrote.
// Engines are thin; digests, manifests, names and the local cache live in artifact-service.ts.

export const ARTIFACT_ENGINES = ['local', 'postgres', 's3'] as const;
export type ArtifactEngine = (typeof ARTIFACT_ENGINES)[number];

/** One engine's blobs. `put` of a digest already stored is a no-op; `get` of an unknown one is undefined. */
export interface ArtifactStore {
  readonly engine: ArtifactEngine;
  /** Stores `bytes` under `digest` (the caller computed it: lowercase sha256 hex). */
  put(digest: string, bytes: Uint8Array): Promise<void>;
  get(digest: string): Promise<Buffer | undefined>;
  has(digest: string): Promise<boolean>;
  close(): Promise<void>;
}

/** A sha256 hex digest: what every engine accepts as a name (nothing else reaches a path or a key). */
export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;
