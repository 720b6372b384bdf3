// A directory as one artifact: a manifest blob listing each file's relative path and digest, each
// file its own blob. The manifest's digest names the directory, so identical files are stored once.
import { z } from 'zod';

export const ArtifactManifestSchema = z
  .object({
    format: z.literal('steward-artifact'),
    version: z.literal(1),
    kind: z.string().min(1),
    files: z.array(
      z
        .object({
          // Relative, forward slashes, no `..`: a manifest can never write outside its directory.
          path: z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0\\]+$/, 'a relative path inside the artifact'),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          size: z.number().int().min(0),
        })
        .strict(),
    ),
  })
  .strict();

export type ArtifactManifest = z.infer<typeof ArtifactManifestSchema>;
