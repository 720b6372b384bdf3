// A declared prompt with its `history` is a full record: versions 1…n in order (the top-level
// definition is the newest). `apply` checks the versions the store already has are the same
// (versions never change) and adds the rest, then points each label at its version.
import { StewardError } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import { type PromptDefinition, PromptDefinitionSchema, type PromptService } from '../prompts/index.js';
import type { Tx } from '../store/index.js';
import { type DeclaredPrompt, promptLabelTargets } from './declarative-document.js';
import { sameValue } from './same-value.js';

/** The definition part of a declared prompt or of a stored version, for comparison. */
export function promptDefinition(p: { kind: string; template: unknown; variables: unknown; examples: unknown; params: unknown; model?: string | null }): unknown {
  return { kind: p.kind, template: p.template, variables: p.variables, examples: p.examples, params: p.params, model: p.model ?? undefined };
}

/** Every version a declared prompt holds, oldest first. */
export function declaredPromptVersions(prompt: DeclaredPrompt): PromptDefinition[] {
  const latest: PromptDefinition = { kind: prompt.kind, template: prompt.template, variables: prompt.variables, examples: prompt.examples, params: prompt.params, model: prompt.model };
  return [...(prompt.history ?? []), latest];
}

export async function restorePrompt(tx: Tx, actor: Actor, prompts: PromptService, prompt: DeclaredPrompt): Promise<void> {
  const versions = declaredPromptVersions(prompt);
  const existing = await tx.selectFrom('prompts').select(['id', 'last_version']).where('project_id', '=', actor.projectId).where('name', '=', prompt.name).executeTakeFirst();
  const stored = existing ? await tx.selectFrom('prompt_versions').selectAll().where('prompt_id', '=', existing.id).orderBy('version').execute() : [];
  if (stored.length > versions.length) {
    throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `prompts.${prompt.name}.history: the store holds ${stored.length} versions, the document ${versions.length}; versions are never removed`, details: { field: `prompts.${prompt.name}.history` } });
  }
  stored.forEach((row, i) => {
    const current = PromptDefinitionSchema.parse({ kind: row.kind, template: JSON.parse(row.template_json), variables: JSON.parse(row.variables_json), examples: JSON.parse(row.examples_json), params: JSON.parse(row.params_json), model: row.model ?? undefined });
    if (!sameValue(promptDefinition(current), promptDefinition(versions[i] ?? current))) {
      throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `prompts.${prompt.name}: version ${i + 1} differs from the stored one; versions never change — add a version instead`, details: { field: `prompts.${prompt.name}.history.${i}` } });
    }
  });
  for (let i = stored.length; i < versions.length; i++) {
    const definition = versions[i];
    if (!definition) continue;
    if (i === 0) await prompts.createIn(tx, actor, { name: prompt.name, description: prompt.description, labels: [], ...definition });
    else await prompts.addVersionIn(tx, actor, prompt.name, definition, []);
  }
  for (const [label, version] of Object.entries(promptLabelTargets(prompt, versions.length))) {
    await prompts.setLabelIn(tx, actor, prompt.name, label, { version, reason: 'steward apply' });
  }
}
