// The declarative document (the resource part of steward.yaml): models with their versions and
// aliases, prompts with labels, routes, and gates/providers (owned by other parts). The config
// schema validates steward.yaml with these same schemas. Schemas come from their leaf files so the
// config loader does not pull in the services.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';
import { PromptDefinitionSchema } from '../prompts/prompt-definition.js';
import { ModelCardSchema } from '../registry/model-card.js';
import { VersionSourceSchema, VersionSpecSchema } from '../registry/version-spec.js';
import { closestNames } from '../references/closest-names.js';
import { withoutAnnotations } from './annotations.js';

export const DeclaredVersionSchema = z
  .object({
    /** The number this entry pins; defaults to its position in the list (1-based). */
    version: z.number().int().positive().optional(),
    spec: VersionSpecSchema,
    source: VersionSourceSchema.optional(),
    description: z.string().max(2000).optional(),
    datasetVersionIds: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const DeclaredModelSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(2000).default(''),
    tags: z.array(z.string()).default([]),
    card: ModelCardSchema.default({}),
    gates: z.array(z.string()).default([]),
    versions: z.array(DeclaredVersionSchema).default([]),
    /** alias → version (`name-002` or number); `latest` is automatic. */
    aliases: z.record(z.string(), z.union([z.string(), z.number().int().positive()])).default({}),
  })
  .strict();
export type DeclaredModel = z.infer<typeof DeclaredModelSchema>;

export const DeclaredPromptSchema = PromptDefinitionSchema.extend({
  name: z.string().min(1).max(100),
  description: z.string().max(2000).default(''),
  /** Labels pointing at the declared (latest) version. */
  labels: z.array(z.string()).default([]),
}).strict();
export type DeclaredPrompt = z.infer<typeof DeclaredPromptSchema>;

/** Routes are validated by the gateway's RouteConfigSchema when planned; here only their name is needed. */
export const DeclaredRouteSchema = z.looseObject({ name: z.string().min(1).max(100) });

/** A named evaluation gate: rules such as `accuracy >= 0.8`, checked when a version is promoted. */
export const DeclaredGateSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'letters, digits, dot, dash, underscore'),
    rules: z.array(z.string().min(1)).min(1).max(50),
    dataset: z.string().min(1).nullable().optional(),
    description: z.string().max(2000).optional(),
  })
  .strict();
export type DeclaredGate = z.infer<typeof DeclaredGateSchema>;

/** The resource sections of a document; anything else is an error (a misspelt `modles:` would otherwise apply nothing). */
export const RESOURCE_SECTIONS = ['models', 'prompts', 'routes', 'gates', 'providers'] as const;

export const DeclarativeDocumentSchema = z
  .object({
    models: z.array(DeclaredModelSchema).default([]),
    prompts: z.array(DeclaredPromptSchema).default([]),
    routes: z.array(DeclaredRouteSchema).default([]),
    gates: z.array(DeclaredGateSchema).default([]),
    providers: z.array(z.unknown()).default([]),
  })
  .strict();
export type DeclarativeDocument = z.infer<typeof DeclarativeDocumentSchema>;

/** Parses a document (`x-` annotations dropped) or throws DECLARATIVE_INVALID naming every bad field. */
export function parseDeclarativeDocument(value: unknown): DeclarativeDocument {
  const cleaned = withoutAnnotations(value ?? {});
  if (typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned)) {
    const unknown = Object.keys(cleaned).filter((k) => !(RESOURCE_SECTIONS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      const problems = unknown.map((k) => {
        const close = closestNames(k, RESOURCE_SECTIONS);
        return `${k}: not a resource section (${close.length ? `did you mean ${close.join(' or ')}? ` : ''}sections are ${RESOURCE_SECTIONS.join(', ')}; x- keys are annotations)`;
      });
      throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `the declarative configuration is not valid: ${problems.join('; ')}`, details: { field: unknown[0], problems } });
    }
  }
  const parsed = DeclarativeDocumentSchema.safeParse(cleaned);
  if (parsed.success) {
    for (const [kind, items] of [['models', parsed.data.models], ['prompts', parsed.data.prompts], ['routes', parsed.data.routes], ['gates', parsed.data.gates]] as const) {
      const names = items.map((i) => i.name);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `${kind}: ${dup} is declared twice` });
    }
    return parsed.data;
  }
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
  throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `the declarative configuration is not valid: ${problems.slice(0, 5).join('; ')}`, details: problems });
}
