// Artifacts every replica can serve: one content-addressed store (local, postgres, s3), named
// directories, and each replica's verified local cache.
export { ARTIFACT_ENGINES, type ArtifactEngine, type ArtifactStore, DIGEST_PATTERN } from './artifact-store.js';
export { ArtifactManifestSchema, type ArtifactManifest } from './artifact-manifest.js';
export { ArtifactService, type NamedArtifact, sha256Hex } from './artifact-service.js';
export { ArtifactSettingsSchema, type ArtifactSettings } from './artifact-settings.js';
export { DatabaseArtifactStore, ARTIFACT_CHUNK_BYTES } from './database-artifact-store.js';
export { LocalArtifactStore } from './local-artifact-store.js';
export { type OpenArtifactStoreOptions, defaultArtifactEngine, openArtifactStore } from './open-artifact-store.js';
export type { S3ArtifactStoreOptions } from './s3-artifact-store.js';
