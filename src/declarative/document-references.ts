// What a declarative document refers to, checked before anything is written: the provider of each
// new version, the version each alias names, and each route's targets and prompt. Names the same
// document declares count as existing, so one document can create a model and route to it.
import type { RouteConfig } from '../gateway/index.js';
import { type KnownNames, type MissingReference, missingRouteReferences } from '../references/index.js';
import { parseVersionNumber } from '../registry/registry-names.js';
import { type DeclarativeDocument, promptLabelTargets } from './declarative-document.js';

interface PlannedEntry {
  kind: string;
  name: string;
  action: string;
}

export function documentReferences(known: KnownNames, doc: DeclarativeDocument, routes: readonly RouteConfig[], plan: readonly PlannedEntry[]): MissingReference[] {
  const missing: MissingReference[] = [];
  for (const model of doc.models) {
    const entry = known.models.get(model.name) ?? { versions: new Set<number>(), aliases: new Set<string>() };
    known.models.set(model.name, entry);
    model.versions.forEach((v, i) => {
      const seq = v.version ?? i + 1;
      const name = `${model.name}-${String(seq).padStart(3, '0')}`;
      const creates = plan.some((p) => p.kind === 'version' && p.name === name && p.action === 'create');
      if (creates && !known.providers.has(v.spec.provider)) missing.push({ field: `models.${model.name}.versions.${i}.spec.provider`, value: v.spec.provider, kind: 'provider', known: [...known.providers] });
      entry.versions.add(seq);
    });
    if (entry.versions.size > 0) entry.aliases.add('latest');
    for (const [alias, ref] of Object.entries(model.aliases)) {
      const seq = typeof ref === 'number' ? ref : parseVersionNumber(model.name, ref);
      if (seq === null || !entry.versions.has(seq)) {
        missing.push({ field: `models.${model.name}.aliases.${alias}`, value: String(ref), kind: 'model version', scope: `of model ${model.name}`, known: [...entry.versions].map((n) => `${model.name}-${String(n).padStart(3, '0')}`) });
      } else entry.aliases.add(alias);
    }
  }
  for (const prompt of doc.prompts) {
    const entry = known.prompts.get(prompt.name) ?? { latestVersion: 0, labels: new Set<string>() };
    const changes = plan.some((p) => p.kind === 'prompt' && p.name === prompt.name && p.action !== 'unchanged');
    const latestVersion = Math.max(entry.latestVersion + (changes ? 1 : 0), (prompt.history?.length ?? 0) + 1);
    known.prompts.set(prompt.name, { latestVersion, labels: new Set([...entry.labels, ...Object.keys(promptLabelTargets(prompt, latestVersion))]) });
  }
  for (const route of routes) known.routes.add(route.name);
  for (const route of routes) missing.push(...missingRouteReferences(known, route, `routes.${route.name}.`));
  return missing;
}
