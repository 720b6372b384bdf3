// What a model version pins (a provider model with fixed parameters, or builtin weights by
// content hash) and where it came from. The zod schemas are the one source of both.
import { z } from 'zod';

export const ARTIFACT_KINDS = ['weights', 'lora'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

const Params = z.record(z.string(), z.unknown());

/** A provider's model with fixed parameters, e.g. `{ provider: 'openai', model: 'gpt-4o-mini', params: { temperature: 0 } }`. */
export const ProviderModelSpecSchema = z
  .object({ provider: z.string().min(1).max(100), model: z.string().min(1).max(200), params: Params.optional() })
  .strict();

/** Builtin weights or a LoRA adapter stored by content hash, with the version it adapts. */
export const ArtifactSpecSchema = z
  .object({
    provider: z.literal('builtin'),
    artifact: z
      .object({
        sha256: z.string().regex(/^[a-f0-9]{64}$/, 'expected 64 lower-case hex characters'),
        path: z.string().min(1).max(1000),
        kind: z.enum(ARTIFACT_KINDS),
      })
      .strict(),
    base: z.string().min(1).max(200).optional(),
    params: Params.optional(),
  })
  .strict();

export const VersionSpecSchema = z.union([ArtifactSpecSchema, ProviderModelSpecSchema]);
export type VersionSpec = z.infer<typeof VersionSpecSchema>;

export const VERSION_SOURCE_KINDS = ['manual', 'training_job', 'distillation', 'quantisation', 'import'] as const;
export type VersionSourceKind = (typeof VERSION_SOURCE_KINDS)[number];

export const VersionSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z.object({ kind: z.literal('import'), from: z.string().max(500).optional() }).strict(),
  z.object({ kind: z.literal('training_job'), jobId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('distillation'), fromVersion: z.string().min(1), jobId: z.string().min(1).optional() }).strict(),
  z
    .object({ kind: z.literal('quantisation'), fromVersion: z.string().min(1), jobId: z.string().min(1).optional(), bits: z.number().int().positive().optional() })
    .strict(),
]);
export type VersionSource = z.infer<typeof VersionSourceSchema>;

/** True when two specs pin the same thing (key order does not matter). */
export function sameSpec(a: VersionSpec, b: VersionSpec): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
