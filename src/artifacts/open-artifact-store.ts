// Opens the artifact engine the settings name (postgres by default on PostgreSQL, local otherwise).
import { join } from 'node:path';
import { z } from 'zod';
import { StewardError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import type { ArtifactSettings } from './artifact-settings.js';
import type { ArtifactEngine, ArtifactStore } from './artifact-store.js';
import { DatabaseArtifactStore } from './database-artifact-store.js';
import { LocalArtifactStore } from './local-artifact-store.js';

const S3CredentialsSchema = z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }).strict();

export interface OpenArtifactStoreOptions {
  settings: ArtifactSettings;
  store: Store;
  dataDir: string;
  /** Reveals a sealed secret of the default project (the s3 credentials). */
  revealSecret: (name: string) => Promise<string>;
}

export function defaultArtifactEngine(settings: ArtifactSettings, store: Store): ArtifactEngine {
  return settings.engine ?? (store.engine === 'postgres' ? 'postgres' : 'local');
}

export async function openArtifactStore(o: OpenArtifactStoreOptions): Promise<ArtifactStore> {
  const engine = defaultArtifactEngine(o.settings, o.store);
  if (engine === 'local') return new LocalArtifactStore({ dir: join(o.dataDir, 'artifacts') });
  if (engine === 'postgres') return new DatabaseArtifactStore({ store: o.store });
  const s3 = o.settings.s3;
  if (!s3.bucket) throw new StewardError({ code: 'CONFIG_INVALID', message: 'artifacts.s3.bucket (STEWARD_ARTIFACTS_S3_BUCKET) is required for the s3 artifact engine' });
  let credentials: z.infer<typeof S3CredentialsSchema> | undefined;
  if (s3.credentialsSecret) {
    const parsed = S3CredentialsSchema.safeParse(safeJson(await o.revealSecret(s3.credentialsSecret)));
    if (!parsed.success) throw new StewardError({ code: 'CONFIG_INVALID', message: `secret ${s3.credentialsSecret} must hold {"accessKeyId":"…","secretAccessKey":"…"}` });
    credentials = parsed.data;
  }
  const { S3ArtifactStore } = await import('./s3-artifact-store.js');
  return S3ArtifactStore.open({ bucket: s3.bucket, prefix: s3.prefix, endpoint: s3.endpoint, region: s3.region, forcePathStyle: s3.forcePathStyle, credentials });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
