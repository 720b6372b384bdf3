// The `artifacts` section of steward.yaml (STEWARD_ARTIFACTS_* variables): which engine holds
// artifacts and, for s3, where. Credentials are a sealed secret's name, never a value in the file.
import { z } from 'zod';
import { ARTIFACT_ENGINES } from './artifact-store.js';

export const ArtifactSettingsSchema = z
  .object({
    engine: z.enum(ARTIFACT_ENGINES).optional().describe('default: postgres when DATABASE_URL is set, else local'),
    s3: z
      .object({
        bucket: z.string().min(1).optional(),
        prefix: z.string().default(''),
        endpoint: z.url().optional(),
        region: z.string().min(1).default('us-east-1'),
        forcePathStyle: z.union([z.boolean(), z.stringbool()]).default(false),
        /** Name of a secret (`steward secrets set`) in the default project holding `{"accessKeyId","secretAccessKey"}`. */
        credentialsSecret: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type ArtifactSettings = z.infer<typeof ArtifactSettingsSchema>;
