// The names a project's configuration may refer to, gathered once per write: providers, routes,
// registry models (their version numbers and aliases) and prompts (versions and labels). A
// declarative document adds what it declares itself, so it may refer to what it creates.

export interface KnownModel {
  /** Version numbers a reference may name (retired ones excluded). */
  versions: Set<number>;
  aliases: Set<string>;
}

export interface KnownPrompt {
  latestVersion: number;
  labels: Set<string>;
}

export interface KnownNames {
  providers: Set<string>;
  routes: Set<string>;
  models: Map<string, KnownModel>;
  prompts: Map<string, KnownPrompt>;
}

/** Where the names come from; the server wires each to its service. */
export interface ReferenceSources {
  providers(projectId: string): string[];
  routes(projectId: string): string[];
  models(projectId: string): Promise<{ name: string; versions: number[]; aliases: string[] }[]>;
  prompts(projectId: string): Promise<{ name: string; latestVersion: number; labels: string[] }[]>;
}

export function emptyKnownNames(): KnownNames {
  return { providers: new Set(), routes: new Set(), models: new Map(), prompts: new Map() };
}

export async function loadKnownNames(sources: ReferenceSources, projectId: string): Promise<KnownNames> {
  const known = emptyKnownNames();
  for (const p of sources.providers(projectId)) known.providers.add(p);
  for (const r of sources.routes(projectId)) known.routes.add(r);
  for (const m of await sources.models(projectId)) known.models.set(m.name, { versions: new Set(m.versions), aliases: new Set(m.aliases) });
  for (const p of await sources.prompts(projectId)) known.prompts.set(p.name, { latestVersion: p.latestVersion, labels: new Set(p.labels) });
  return known;
}
