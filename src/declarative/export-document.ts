// `steward export` as a backup: models with every version's stage, lifecycle moves and deprecation
// dates, and prompts with every version and where each label points — all `apply` restores. The
// output has a fixed order and no timestamps of its own, so export → apply → export is identical.
import type { PromptService } from '../prompts/index.js';
import type { ModelStages, RegistryService } from '../registry/index.js';

export async function exportModels(projectId: string, registry: RegistryService, stages: ModelStages): Promise<Record<string, unknown>[]> {
  const models = [];
  for (const m of await registry.listModels(projectId)) {
    const versions = [];
    for (const v of await registry.listVersions(projectId, m.name)) {
      const history = (await stages.history(projectId, m.name, v.name)).filter((h) => h.from !== null).map((h) => ({ stage: h.to, reason: h.reason }));
      versions.push({
        version: v.seq,
        spec: v.spec,
        source: v.source,
        description: v.description || undefined,
        datasetVersionIds: v.datasetVersionIds.length ? v.datasetVersionIds : undefined,
        stage: v.status === 'candidate' ? undefined : v.status,
        history: history.length ? history : undefined,
        deprecatedAt: v.deprecatedAt ?? undefined,
        sunsetAt: v.sunsetAt ?? undefined,
        replacement: v.replacement ?? undefined,
      });
    }
    const aliases = Object.fromEntries(Object.entries(m.aliases).filter(([alias]) => alias !== 'latest'));
    models.push({ name: m.name, description: m.description, tags: m.tags, card: m.card, gates: m.gates, versions, aliases });
  }
  return models;
}

export async function exportPrompts(projectId: string, prompts: PromptService): Promise<Record<string, unknown>[]> {
  const out = [];
  for (const p of await prompts.list(projectId)) {
    const versions = await prompts.versions(projectId, p.name);
    const definition = (v: (typeof versions)[number]) => ({ kind: v.kind, template: v.template, variables: v.variables, examples: v.examples, params: v.params, model: v.model ?? undefined });
    const latest = versions.at(-1);
    if (!latest) continue;
    const labels = Object.entries(p.labels).sort(([a], [b]) => a.localeCompare(b));
    // Labels on the newest version stay a list (the short form); any on an older one makes it a map.
    const allOnLatest = labels.every(([, version]) => version === latest.version);
    out.push({
      name: p.name,
      description: p.description,
      ...definition(latest),
      labels: allOnLatest ? labels.map(([label]) => label) : Object.fromEntries(labels),
      history: versions.length > 1 ? versions.slice(0, -1).map(definition) : undefined,
    });
  }
  return out;
}
