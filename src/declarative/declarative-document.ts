// The declarative document (the resource part of steward.yaml): models with their versions and
// aliases, prompts with labels, routes, retraining pipelines, and gates/providers (owned by other parts). The config
// schema validates steward.yaml with these same schemas. Schemas come from their leaf files so the
// config loader does not pull in the services.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';
import { DeclaredPipelineSchema } from '../pipelines/declared-pipeline-schema.js';
import { PromptDefinitionSchema } from '../prompts/prompt-definition.js';
import { ModelCardSchema } from '../registry/model-card.js';
import { VersionSourceSchema, VersionSpecSchema } from '../registry/version-spec.js';
import { VERSION_STATUSES } from '../registry/lifecycle.js';
import { closestNames } from '../references/closest-names.js';
import { UseCaseSchema } from '../usecases/use-case-schema.js';
import { withoutAnnotations } from './annotations.js';

export const DeclaredVersionSchema = z
  .object({
    /** The number this entry pins; defaults to its position in the list (1-based). */
    version: z.number().int().positive().optional(),
    spec: VersionSpecSchema,
    source: VersionSourceSchema.optional(),
    description: z.string().max(2000).optional(),
    datasetVersionIds: z.array(z.string().min(1)).optional(),
    /** Where the version is in its lifecycle (default candidate): the last stage of `history`. */
    stage: z.enum(VERSION_STATUSES).optional(),
    /** Its lifecycle moves after registration, oldest first: written by `export`, replayed by `apply`. */
    history: z.array(z.object({ stage: z.enum(VERSION_STATUSES), reason: z.string().max(2000).default('') }).strict()).max(20).optional(),
    deprecatedAt: z.iso.datetime({ offset: true }).optional(),
    sunsetAt: z.iso.datetime({ offset: true }).optional(),
    replacement: z.string().min(1).max(200).optional(),
  })
  .strict();
export type DeclaredVersion = z.infer<typeof DeclaredVersionSchema>;

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
  /** Labels pointing at the declared (latest) version, or label → version number. */
  labels: z.union([z.array(z.string()), z.record(z.string(), z.number().int().positive())]).default([]),
  /** Every earlier version, oldest first (the top-level definition is the latest): `export` writes them so `apply` restores them. */
  history: z.array(PromptDefinitionSchema).max(1000).optional(),
}).strict();
export type DeclaredPrompt = z.infer<typeof DeclaredPromptSchema>;

/** label → version number of a declared prompt whose latest version is `latest`. */
export function promptLabelTargets(prompt: Pick<DeclaredPrompt, 'labels'>, latest: number): Record<string, number> {
  return Array.isArray(prompt.labels) ? Object.fromEntries(prompt.labels.map((l) => [l, latest])) : prompt.labels;
}

/** Routes are validated by the gateway's RouteConfigSchema when planned; here only their name is needed. */
export const DeclaredRouteSchema = z.looseObject({ name: z.string().min(1).max(100) });

/** A named evaluation gate: rules such as `accuracy >= 0.8`, checked when a version is promoted. */
export const DeclaredGateSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'letters, digits, dot, dash, underscore'),
    rules: z.array(z.string().min(1)).min(1).max(50),
    dataset: z.string().min(1).nullable().optional(),
    description: z.string().max(2000).optional(),
    /** Share of errored items (call or metric error) the gate tolerates; default 0. */
    maxErrorRate: z.number().min(0).max(1).optional(),
  })
  .strict();
export type DeclaredGate = z.infer<typeof DeclaredGateSchema>;

/** The resource sections of a document; anything else is an error (a misspelt `modles:` would otherwise apply nothing). */
export const RESOURCE_SECTIONS = ['models', 'prompts', 'routes', 'gates', 'providers', 'pipelines', 'useCases'] as const;

export const DeclarativeDocumentSchema = z
  .object({
    models: z.array(DeclaredModelSchema).default([]),
    prompts: z.array(DeclaredPromptSchema).default([]),
    routes: z.array(DeclaredRouteSchema).default([]),
    gates: z.array(DeclaredGateSchema).default([]),
    providers: z.array(z.unknown()).default([]),
    pipelines: z.array(DeclaredPipelineSchema).default([]),
    /** Use cases: objective, owners, KPIs and what they link (see src/usecases). */
    useCases: z.array(UseCaseSchema).default([]),
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
    for (const [kind, items] of [['models', parsed.data.models], ['prompts', parsed.data.prompts], ['routes', parsed.data.routes], ['gates', parsed.data.gates], ['pipelines', parsed.data.pipelines], ['useCases', parsed.data.useCases]] as const) {
      const names = items.map((i) => i.name);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `${kind}: ${dup} is declared twice` });
    }
    return parsed.data;
  }
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
  throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `the declarative configuration is not valid: ${problems.slice(0, 5).join('; ')}`, details: problems });
}
