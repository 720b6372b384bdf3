// What a route refers to: each target's model (`provider/model` with a provider that exists, a
// route, or a registry reference `name`, `name-002`, `name@alias` that exists and is not retired)
// and the prompt it binds (the prompt, and its label or version).
import { parseModelReference } from '../registry/registry-names.js';
import type { KnownNames } from './known-names.js';
import type { MissingReference } from './reference-error.js';

/** The parts of a route config that name other things. */
export interface RouteReferences {
  name: string;
  targets: readonly { model: string }[];
  prompt?: { name: string; label?: string; version?: number } | undefined;
}

/** The missing reference of one model name, or undefined when it resolves. */
export function missingModel(known: KnownNames, field: string, model: string): MissingReference | undefined {
  const slash = model.indexOf('/');
  if (slash > 0) {
    const provider = model.slice(0, slash);
    return known.providers.has(provider) ? undefined : { field, value: provider, kind: 'provider', known: [...known.providers] };
  }
  if (known.routes.has(model)) return undefined;
  const ref = parseModelReference(model);
  const entry = known.models.get(ref.model);
  if (!entry) {
    return { field, value: model, kind: 'model', known: [...known.routes, ...known.models.keys(), ...[...known.providers].map((p) => `${p}/…`)] };
  }
  if (ref.kind === 'version') {
    return entry.versions.has(ref.seq) ? undefined : { field, value: model, kind: 'model version', known: [...entry.versions].map((v) => `${ref.model}-${String(v).padStart(3, '0')}`) };
  }
  const alias = ref.kind === 'alias' ? ref.alias : 'production';
  if (entry.aliases.has(alias)) return undefined;
  return { field, value: alias, kind: 'alias', scope: `of model ${ref.model}${ref.kind === 'model' ? ' (a bare model name means its production alias)' : ''}`, known: [...entry.aliases] };
}

export function missingRouteReferences(known: KnownNames, route: RouteReferences, prefix = ''): MissingReference[] {
  const missing: MissingReference[] = [];
  route.targets.forEach((t, i) => {
    const m = missingModel(known, `${prefix}targets.${i}.model`, t.model);
    if (m) missing.push(m);
  });
  const prompt = route.prompt;
  if (prompt) {
    const entry = known.prompts.get(prompt.name);
    if (!entry) missing.push({ field: `${prefix}prompt.name`, value: prompt.name, kind: 'prompt', known: [...known.prompts.keys()] });
    else if (prompt.label !== undefined && !entry.labels.has(prompt.label)) missing.push({ field: `${prefix}prompt.label`, value: prompt.label, kind: 'prompt label', scope: `of prompt ${prompt.name}`, known: [...entry.labels] });
    else if (prompt.version !== undefined && (prompt.version < 1 || prompt.version > entry.latestVersion)) missing.push({ field: `${prefix}prompt.version`, value: String(prompt.version), kind: 'prompt version', scope: `of prompt ${prompt.name} (latest is ${entry.latestVersion})`, known: [] });
  }
  return missing;
}
