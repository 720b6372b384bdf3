// Artifacts (src/artifacts): blobs in chunked rows for the `postgres` engine, and the names every
// engine shares (a published model version → the digest of its directory manifest).

export interface ArtifactBlobsTable {
  digest: string;
  size: number;
  chunks: number;
  created_at: number;
}

export interface ArtifactChunksTable {
  digest: string;
  seq: number;
  data: Uint8Array;
}

export interface ArtifactNamesTable {
  name: string;
  digest: string;
  kind: string;
  created_at: number;
}

export interface ArtifactTables {
  artifact_blobs: ArtifactBlobsTable;
  artifact_chunks: ArtifactChunksTable;
  artifact_names: ArtifactNamesTable;
}
