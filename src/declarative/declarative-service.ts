// `steward apply`: plans what a declarative document changes (create / update / unchanged per
// resource) and applies it in ONE transaction — models, versions, aliases, prompts, labels, route
// revisions, gates and pipelines — so a failure leaves nothing half-applied. `steward export` writes the current
// state in the same format.
import { StewardError } from '../errors/index.js';
import { type RouteConfig, RouteConfigSchema, ROUTES_TOPIC, type RouteService, routeChangeId } from '../gateway/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import { type PromptDefinition, PromptDefinitionSchema, PROMPTS_TOPIC, type PromptService, promptChangeId } from '../prompts/index.js';
import { type ModelStages, REGISTRY_TOPIC, type RegistryService, parseVersionNumber } from '../registry/index.js';
import type { ChangeEvent, ChangeFeed, Store, Tx } from '../store/index.js';
import { newId } from '../store/index.js';
import { assertNoRouteCycle } from '../deployments/index.js';
import { listDeclaredPipelines, putDeclaredPipelineIn } from '../pipelines/index.js';
import { type DeclarativeDocument, type DeclaredGate, type DeclaredModel, type DeclaredPrompt, parseDeclarativeDocument, promptLabelTargets } from './declarative-document.js';
import { sameValue } from './same-value.js';
import { type ReferenceChecker, assertReferences } from '../references/index.js';
import { documentReferences } from './document-references.js';
import { exportModels, exportPrompts } from './export-document.js';
import { restorePrompt } from './prompt-restore.js';
import { lifecycleDiffers, restoreLifecycle } from './version-lifecycle.js';
import { type DeclarativeUseCases, planUseCases } from './use-case-section.js';

export const PLAN_ACTIONS = ['create', 'update', 'unchanged', 'skipped'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanEntry {
  kind: 'model' | 'version' | 'alias' | 'prompt' | 'prompt_label' | 'route' | 'gate' | 'provider' | 'pipeline' | 'use_case';
  name: string;
  action: PlanAction;
  detail?: string;
}

export interface ApplyResult {
  dryRun: boolean;
  applied: boolean;
  plan: PlanEntry[];
  summary: Record<PlanAction, number>;
}

/** The evaluation gates `apply` writes, inside its own transaction (the evaluations part implements it). */
export interface DeclarativeGates {
  list(projectId: string): Promise<DeclaredGateState[]>;
  putIn(tx: Tx, actor: Actor, gate: DeclaredGate): Promise<unknown>;
}

export interface DeclaredGateState {
  name: string;
  rules: string[];
  dataset: string | null;
  description: string;
  maxErrorRate: number;
}

export interface DeclarativeServiceOptions {
  store: Store;
  feed: ChangeFeed;
  registry: RegistryService;
  modelStages: ModelStages;
  prompts: PromptService;
  routes: RouteService;
  /** Absent when evaluations are not part of this process: declared gates are then skipped. */
  gates?: DeclarativeGates;
  /** The use cases `apply` writes and `export` reads. */
  useCases?: DeclarativeUseCases;
}

export class DeclarativeService {
  readonly #o: DeclarativeServiceOptions;
  #references: ReferenceChecker | undefined;

  constructor(options: DeclarativeServiceOptions) {
    this.#o = options;
  }

  /** Wires the reference checks (providers, models, prompts, routes the document names). */
  connectReferences(references: ReferenceChecker): void {
    this.#references = references;
  }

  /** Plans and (unless dryRun) applies a document; nothing is written when any step fails. */
  async apply(actor: Actor, input: unknown, options: { dryRun?: boolean } = {}): Promise<ApplyResult> {
    const doc = parseDeclarativeDocument(input);
    const routes = doc.routes.map((r) => parseRoute(r));
    const plan = await this.#plan(actor, doc, routes);
    if (this.#references) assertReferences(documentReferences(await this.#references.known(actor.projectId), doc, routes, plan));
    const summary = { create: 0, update: 0, unchanged: 0, skipped: 0 };
    for (const entry of plan) summary[entry.action]++;
    const changes = summary.create + summary.update;
    if (options.dryRun || changes === 0) return { dryRun: options.dryRun ?? false, applied: false, plan, summary };
    const events: ChangeEvent[] = [];
    const changed = (kind: PlanEntry['kind'], name: string) => plan.some((p) => p.kind === kind && p.name === name && (p.action === 'create' || p.action === 'update'));
    const changedGates = doc.gates.filter((g) => changed('gate', g.name));
    const changedPipelines = doc.pipelines.filter((p) => changed('pipeline', p.name));
    const changedUseCases = doc.useCases.filter((u) => changed('use_case', u.name));
    await this.#o.store.transaction(async (tx) => {
      for (const model of doc.models) await this.#applyModel(tx, actor, model, events);
      for (const prompt of doc.prompts) await this.#applyPrompt(tx, actor, prompt, events);
      for (const route of routes) await this.#applyRoute(tx, actor, route, events);
      if (this.#o.gates) for (const gate of changedGates) await this.#o.gates.putIn(tx, actor, gate);
      for (const pipeline of changedPipelines) await putDeclaredPipelineIn(tx, actor, pipeline, Date.now());
      if (this.#o.useCases) for (const useCase of changedUseCases) await this.#o.useCases.putIn(tx, actor, useCase);
      await recordAudit(tx, { actor, action: 'declarative.apply', resourceType: 'declarative', resourceId: null, after: summary });
    });
    for (const event of events) await this.#o.feed.publish(event);
    await this.#o.routes.settled();
    return { dryRun: false, applied: true, plan, summary };
  }

  /** The project's current models, prompts, routes, gates and pipelines in the document format (never another project's). */
  async export(projectId: string): Promise<DeclarativeDocument> {
    const models = await exportModels(projectId, this.#o.registry, this.#o.modelStages);
    const prompts = await exportPrompts(projectId, this.#o.prompts);
    const routes = this.#o.routes.list(projectId).map((r) => ({ ...r.config }));
    const gates = this.#o.gates ? (await this.#o.gates.list(projectId)).map((g) => ({ name: g.name, rules: g.rules, dataset: g.dataset, description: g.description || undefined, maxErrorRate: g.maxErrorRate || undefined })) : [];
    // The parts are built to the document schema; `as unknown` because they are assembled as plain records.
    const pipelines = await listDeclaredPipelines(this.#o.store.db, projectId);
    const useCases = this.#o.useCases ? await this.#o.useCases.declared(projectId) : [];
    return { models, prompts, routes, gates, providers: [], pipelines, useCases } as unknown as DeclarativeDocument;
  }

  async #plan(actor: Actor, doc: DeclarativeDocument, routes: RouteConfig[]): Promise<PlanEntry[]> {
    const plan: PlanEntry[] = [];
    const registry = this.#o.registry;
    for (const model of doc.models) {
      const existing = (await registry.listModels(actor.projectId)).find((m) => m.name === model.name);
      const versions = existing ? await registry.listVersions(actor.projectId, model.name) : [];
      const fields = { description: model.description, tags: model.tags, card: model.card, gates: model.gates };
      plan.push({ kind: 'model', name: model.name, action: !existing ? 'create' : sameValue(fields, { description: existing.description, tags: existing.tags, card: existing.card, gates: existing.gates }) ? 'unchanged' : 'update' });
      let next = versions.length + 1;
      model.versions.forEach((v, i) => {
        const seq = v.version ?? i + 1;
        const name = `${model.name}-${String(seq).padStart(3, '0')}`;
        const current = versions.find((x) => x.seq === seq);
        if (!current) {
          if (seq !== next) throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `models.${model.name}: version ${seq} would skip a number (the next is ${next}; versions are numbered without gaps)` });
          next++;
          plan.push({ kind: 'version', name, action: 'create' });
        } else if (!sameValue(current.spec, v.spec)) {
          throw new StewardError({ code: 'MODEL_VERSION_IMMUTABLE', message: `${name} exists with a different spec; versions never change — declare a new version instead`, details: { version: name } });
        } else plan.push({ kind: 'version', name, action: lifecycleDiffers(current, v, `models.${model.name}.versions.${i}`) ? 'update' : 'unchanged', detail: current.status });
      });
      for (const [alias, ref] of Object.entries(model.aliases)) {
        const target = versionRef(model.name, ref);
        const current = existing?.aliases[alias];
        plan.push({ kind: 'alias', name: `${model.name}@${alias}`, action: current === undefined ? 'create' : current === target ? 'unchanged' : 'update', detail: `→ ${target}` });
      }
    }
    for (const prompt of doc.prompts) {
      const existing = (await this.#o.prompts.list(actor.projectId)).find((p) => p.name === prompt.name);
      const declaredCount = (prompt.history?.length ?? 0) + 1;
      if (!existing) {
        plan.push({ kind: 'prompt', name: prompt.name, action: 'create', detail: declaredCount > 1 ? `${declaredCount} versions` : undefined });
        for (const [label, version] of Object.entries(promptLabelTargets(prompt, declaredCount))) plan.push({ kind: 'prompt_label', name: `${prompt.name}@${label}`, action: 'create', detail: `→ ${version}` });
        continue;
      }
      let changed: boolean;
      let target: number;
      if (prompt.history) {
        // A full record: the versions the store lacks are added (apply checks the others are the same).
        changed = existing.latestVersion < declaredCount;
        target = Math.max(existing.latestVersion, declaredCount);
      } else {
        const latest = await this.#o.prompts.version(actor.projectId, prompt.name, { version: existing.latestVersion });
        changed = !sameValue(definitionOf(prompt), definitionOf(latest));
        target = changed ? existing.latestVersion + 1 : existing.latestVersion;
      }
      plan.push({ kind: 'prompt', name: prompt.name, action: changed ? 'update' : 'unchanged', detail: changed ? `new version ${target}` : undefined });
      for (const [label, version] of Object.entries(promptLabelTargets(prompt, target))) {
        const current = existing.labels[label];
        plan.push({ kind: 'prompt_label', name: `${prompt.name}@${label}`, action: current === undefined ? 'create' : current === version ? 'unchanged' : 'update', detail: `→ ${version}` });
      }
    }
    const declared = new Map(routes.map((r) => [r.name, r]));
    for (const route of routes) {
      assertNoRouteCycle(route, (name) => declared.get(name) ?? this.#o.routes.get(actor.projectId, name)?.config);
      const current = this.#o.routes.get(actor.projectId, route.name);
      plan.push({ kind: 'route', name: route.name, action: !current ? 'create' : sameValue(current.config, route) ? 'unchanged' : 'update' });
    }
    const gates = this.#o.gates;
    const existingGates = gates ? await gates.list(actor.projectId) : [];
    for (const gate of doc.gates) {
      if (!gates) {
        plan.push({ kind: 'gate', name: gate.name, action: 'skipped', detail: 'evaluations are not available in this process' });
        continue;
      }
      const current = existingGates.find((g) => g.name === gate.name);
      const same = current && sameValue(gateFields(current), gateFields(gate));
      plan.push({ kind: 'gate', name: gate.name, action: !current ? 'create' : same ? 'unchanged' : 'update' });
    }
    const existingPipelines = await listDeclaredPipelines(this.#o.store.db, actor.projectId);
    for (const pipeline of doc.pipelines) {
      const current = existingPipelines.find((p) => p.name === pipeline.name);
      plan.push({ kind: 'pipeline', name: pipeline.name, action: !current ? 'create' : sameValue(current, pipeline) ? 'unchanged' : 'update' });
    }
    plan.push(...(await planUseCases(this.#o.useCases, actor.projectId, doc.useCases)));
    for (const provider of doc.providers) plan.push({ kind: 'provider', name: nameOf(provider), action: 'skipped', detail: 'providers are configured through the gateway (steward.yaml at start, or /api/providers)' });
    return plan;
  }

  async #applyModel(tx: Tx, actor: Actor, model: DeclaredModel, events: ChangeEvent[]): Promise<void> {
    const { registry, modelStages } = this.#o;
    const fields = { description: model.description, tags: model.tags, card: model.card, gates: model.gates };
    const existing = await tx.selectFrom('models').select(['id', 'last_seq', 'description', 'tags_json', 'card_json', 'gates_json']).where('project_id', '=', actor.projectId).where('name', '=', model.name).executeTakeFirst();
    if (!existing) await registry.createModelIn(tx, actor, { name: model.name, ...fields });
    else if (!sameValue(fields, { description: existing.description, tags: JSON.parse(existing.tags_json), card: JSON.parse(existing.card_json), gates: JSON.parse(existing.gates_json) })) {
      await registry.updateModelIn(tx, actor, model.name, fields);
    }
    let last = existing ? Number(existing.last_seq) : 0;
    for (const [i, v] of model.versions.entries()) {
      const seq = v.version ?? i + 1;
      if (seq <= last) continue;
      await registry.registerVersionIn(tx, actor, model.name, { spec: v.spec, source: v.source, description: v.description, datasetVersionIds: v.datasetVersionIds, seq });
      last = seq;
    }
    // Lifecycles after every version exists (a deprecation may name a later version as replacement),
    // and before aliases (production may point only at a version in production).
    const modelId = (await tx.selectFrom('models').select('id').where('project_id', '=', actor.projectId).where('name', '=', model.name).executeTakeFirstOrThrow()).id;
    for (const [i, v] of model.versions.entries()) {
      const row = await tx.selectFrom('model_versions').selectAll().where('model_id', '=', modelId).where('seq', '=', v.version ?? i + 1).executeTakeFirstOrThrow();
      await restoreLifecycle(tx, actor, row, v, `models.${model.name}.versions.${i}`, Date.now());
    }
    for (const [alias, ref] of Object.entries(model.aliases)) {
      await modelStages.setAliasIn(tx, actor, model.name, alias, { version: versionRef(model.name, ref), reason: 'steward apply' });
    }
    events.push({ topic: REGISTRY_TOPIC, id: model.name });
  }

  async #applyPrompt(tx: Tx, actor: Actor, prompt: DeclaredPrompt, events: ChangeEvent[]): Promise<void> {
    const prompts = this.#o.prompts;
    if (prompt.history) {
      await restorePrompt(tx, actor, prompts, prompt);
      events.push({ topic: PROMPTS_TOPIC, id: promptChangeId(actor.projectId, prompt.name) });
      return;
    }
    const { name, description } = prompt;
    const labels = Array.isArray(prompt.labels) ? prompt.labels : [];
    const definition: PromptDefinition = { kind: prompt.kind, template: prompt.template, variables: prompt.variables, examples: prompt.examples, params: prompt.params, model: prompt.model };
    const existing = await tx.selectFrom('prompts').select(['id', 'last_version']).where('project_id', '=', actor.projectId).where('name', '=', name).executeTakeFirst();
    if (!existing) await prompts.createIn(tx, actor, { name, description, labels, ...definition });
    else {
      const latest = await tx.selectFrom('prompt_versions').selectAll().where('prompt_id', '=', existing.id).where('version', '=', Number(existing.last_version)).executeTakeFirstOrThrow();
      const current = PromptDefinitionSchema.parse({
        kind: latest.kind,
        template: JSON.parse(latest.template_json),
        variables: JSON.parse(latest.variables_json),
        examples: JSON.parse(latest.examples_json),
        params: JSON.parse(latest.params_json),
        model: latest.model ?? undefined,
      });
      if (!sameValue(definitionOf(current), definitionOf(definition))) await prompts.addVersionIn(tx, actor, name, definition, labels);
      else for (const label of labels) await prompts.setLabelIn(tx, actor, name, label, { version: Number(existing.last_version), reason: 'steward apply' });
    }
    // Labels given as label → version point at older versions too.
    if (!Array.isArray(prompt.labels)) for (const [label, version] of Object.entries(prompt.labels)) await prompts.setLabelIn(tx, actor, name, label, { version, reason: 'steward apply' });
    events.push({ topic: PROMPTS_TOPIC, id: promptChangeId(actor.projectId, name) });
  }

  /** Appends a route revision inside the transaction (RouteService caches refresh from the feed after commit). */
  async #applyRoute(tx: Tx, actor: Actor, route: RouteConfig, events: ChangeEvent[]): Promise<void> {
    const latest = await tx.selectFrom('route_revisions').selectAll().where('project_id', '=', actor.projectId).where('route_name', '=', route.name).orderBy('revision', 'desc').limit(1).executeTakeFirst();
    const before = latest?.config_json ? (JSON.parse(latest.config_json) as unknown) : null;
    if (before !== null && sameValue(before, route)) return;
    const revision = (latest ? Number(latest.revision) : 0) + 1;
    await tx
      .insertInto('route_revisions')
      .values({ id: newId('rrev'), project_id: actor.projectId, route_name: route.name, revision, config_json: JSON.stringify(route), actor_id: actor.id, actor_name: actor.name, reason: 'steward apply', created_at: Date.now() })
      .execute();
    await recordAudit(tx, { actor, action: before === null ? 'routes.create' : 'routes.update', resourceType: 'route', resourceId: route.name, before, after: { revision, config: route, reason: 'steward apply' } });
    events.push({ topic: ROUTES_TOPIC, id: routeChangeId(actor.projectId, route.name) });
  }
}

function parseRoute(input: unknown): RouteConfig {
  const parsed = RouteConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const name = typeof input === 'object' && input !== null && 'name' in input ? String((input as { name: unknown }).name) : '?';
  const issue = parsed.error.issues[0];
  throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `routes.${name}.${issue.path.join('.')}: ${issue.message}`, details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

function definitionOf(p: PromptDefinition | DeclaredPrompt | { kind: string; template: unknown; variables: unknown; examples: unknown; params: unknown; model?: string | null }): unknown {
  return { kind: p.kind, template: p.template, variables: p.variables, examples: p.examples, params: p.params, model: p.model ?? undefined };
}

function versionRef(model: string, ref: string | number): string {
  const seq = typeof ref === 'number' ? ref : parseVersionNumber(model, ref);
  return seq === null ? String(ref) : `${model}-${String(seq).padStart(3, '0')}`;
}

function gateFields(gate: { rules: string[]; dataset?: string | null; description?: string; maxErrorRate?: number }) {
  return { rules: gate.rules, dataset: gate.dataset ?? null, description: gate.description ?? '', maxErrorRate: gate.maxErrorRate ?? 0 };
}

function nameOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'name' in value ? String((value as { name: unknown }).name) : '(unnamed)';
}
