// Lifecycle moves of model versions (with their gates), deprecation dates, manual approvals and
// aliases. Each write locks the model row, so concurrent promotions and alias moves of one model
// are serialised by the store and every move lands in its history table. Everything happens inside
// one project: writes in the actor's, reads in the one named.
import { StewardError, invalid } from '../errors/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { Tx } from '../store/index.js';
import { newId } from '../store/index.js';
import { moveAlias } from './alias-moves.js';
import { handOverProduction } from './production-handover.js';
import { ApprovalGateChecker, type GateChecker, type GateOutcome } from './gate-checker.js';
import { RESERVED_ALIASES, type VersionStatus, canMove } from './lifecycle.js';
import { aliasRows, lockModel, requireModel, requireVersion, versionNames } from './model-rows.js';
import { type AliasMoveEntry, type ApprovalRecord, type ModelVersionRecord, type StageChangeEntry, toAliasMove, toApproval, toStageChange } from './registry-records.js';
import { assertAliasName } from './registry-names.js';
import type { RegistryService } from './registry-service.js';

export interface ChangeStageInput {
  stage: VersionStatus;
  reason?: string;
  /** An evaluation run that justifies the move (recorded even when no gate needs it). */
  evalRunId?: string;
  /** Skip failing gates: needs a reason and is audited. */
  force?: boolean;
}

export interface DeprecateInput {
  /** When the version counts as deprecated (default now); the gateway warns from then. */
  deprecatedAt?: Date;
  /** When it stops being served (the gateway answers 410 after it). */
  sunsetAt?: Date;
  replacement?: string;
  reason: string;
}

export interface SetAliasInput {
  version: string;
  reason?: string;
  evalRunId?: string;
}

export class ModelStages {
  readonly #registry: RegistryService;
  #gates: GateChecker;

  constructor(options: { registry: RegistryService; gateChecker?: GateChecker }) {
    this.#registry = options.registry;
    this.#gates = options.gateChecker ?? new ApprovalGateChecker(() => options.registry.store.db);
  }

  /** Replaces the gate checker (the evaluations part wires its own, usually anyGateChecker([evals, approvals])). */
  setGateChecker(checker: GateChecker): void {
    this.#gates = checker;
  }

  /** Runs every gate of the model on a version; nothing is written. */
  async checkGates(projectId: string, modelName: string, ref: string): Promise<GateOutcome[]> {
    const model = await this.#registry.getModel(projectId, modelName);
    const version = await this.#registry.getVersion(projectId, modelName, ref);
    const outcomes: GateOutcome[] = [];
    for (const gate of model.gates) {
      const result = await this.#gates.check({ id: model.id, name: model.name, projectId }, { id: version.id, name: version.name, seq: version.seq, evalRunIds: version.evalRunIds, datasetVersionIds: version.datasetVersionIds }, gate);
      outcomes.push({ gate, ...result });
    }
    return outcomes;
  }

  /**
   * Moves a version forward in its lifecycle. Going to production needs every gate of the model to
   * pass (or `force` with a reason) and moves the `production` alias to it.
   */
  async changeStage(actor: Actor, modelName: string, ref: string, input: ChangeStageInput): Promise<ModelVersionRecord> {
    if (input.force && !input.reason?.trim()) throw new StewardError({ code: 'FORCE_REASON_REQUIRED' });
    // Gates read the store themselves, so they run before the transaction opens.
    const outcomes = input.stage === 'production' ? await this.checkGates(actor.projectId, modelName, ref) : [];
    const failed = outcomes.filter((o) => !o.passed);
    if (failed.length > 0 && !input.force) {
      throw new StewardError({
        code: 'GATE_NOT_PASSED',
        message: `cannot promote ${modelName} ${ref} to production: ${failed.map((f) => f.reason).join('; ')}`,
        details: { gates: outcomes },
      });
    }
    const evalRunId = input.evalRunId ?? outcomes.find((o) => o.evalRunId)?.evalRunId ?? null;
    await this.#registry.store.transaction(async (tx) => {
      const model = await lockModel(tx, actor.projectId, modelName);
      const now = Number(model.updated_at);
      const row = await requireVersion(tx, model, ref);
      const from = row.status as VersionStatus;
      if (!canMove(from, input.stage)) {
        throw new StewardError({ code: 'STAGE_TRANSITION_INVALID', message: `${row.name} is ${from}; it cannot move to ${input.stage}`, details: { from, to: input.stage } });
      }
      if (input.stage === 'retired') {
        // No alias may be left pointing at a retired version (`latest` names the newest, whatever it is).
        const held = (await aliasRows(tx, model.id)).filter((a) => a.version_id === row.id && a.alias !== 'latest').map((a) => a.alias);
        if (held.length > 0) {
          throw new StewardError({ code: 'MODEL_VERSION_RETIRED', message: `${row.name} is still the target of ${held.map((a) => `${model.name}@${a}`).join(', ')}: move ${held.length > 1 ? 'them' : 'it'} first`, details: { aliases: held } });
        }
      }
      const set: { status: VersionStatus; deprecated_at?: number } = { status: input.stage };
      if (input.stage === 'deprecated' && row.deprecated_at === null) set.deprecated_at = now;
      await tx.updateTable('model_versions').set(set).where('id', '=', row.id).execute();
      const forced = failed.length > 0;
      await tx
        .insertInto('model_version_history')
        .values({ id: newId('mvh'), version_id: row.id, from_status: from, to_status: input.stage, at: now, actor_id: actor.id, actor_name: actor.name, reason: input.reason ?? '', eval_run_id: evalRunId, forced: forced ? 1 : 0, gates_json: outcomes.length > 0 ? JSON.stringify(outcomes) : null })
        .execute();
      if (input.stage === 'production') {
        await moveAlias(tx, { modelId: model.id, alias: 'production', versionId: row.id, actor, reason: input.reason ?? `promoted ${row.name}`, evalRunId, now });
        await handOverProduction(tx, row, actor, now);
      }
      await recordAudit(tx, {
        actor,
        action: forced ? 'models.versions.force_stage' : 'models.versions.stage',
        resourceType: 'model_version',
        resourceId: row.id,
        before: { status: from },
        after: { status: input.stage, reason: input.reason ?? '', evalRunId, forced, failedGates: failed.map((f) => f.gate) },
      });
    });
    return this.#registry.published(modelName, await this.#registry.getVersion(actor.projectId, modelName, ref));
  }

  /** Sets deprecation and discontinuation dates, and moves the version to `deprecated` when it is not already past it. */
  async deprecate(actor: Actor, modelName: string, ref: string, input: DeprecateInput): Promise<ModelVersionRecord> {
    if (!input.reason.trim()) throw invalid('a deprecation needs a reason');
    const deprecatedAt = (input.deprecatedAt ?? new Date()).getTime();
    const sunsetAt = input.sunsetAt?.getTime() ?? null;
    if (sunsetAt !== null && sunsetAt < deprecatedAt) throw invalid('sunsetAt must not be before deprecatedAt');
    await this.#registry.store.transaction(async (tx) => {
      const model = await lockModel(tx, actor.projectId, modelName);
      const now = Number(model.updated_at);
      const row = await requireVersion(tx, model, ref);
      if (input.replacement !== undefined) await requireVersion(tx, model, input.replacement).catch(async () => {
        // A replacement may be another model's version or alias: accept a known version name.
        const other = await tx
          .selectFrom('model_versions')
          .innerJoin('models', 'models.id', 'model_versions.model_id')
          .select('model_versions.id')
          .where('models.project_id', '=', actor.projectId)
          .where('model_versions.name', '=', input.replacement ?? '')
          .executeTakeFirst();
        if (!other) throw invalid(`replacement ${input.replacement} is not a known model version`);
      });
      const from = row.status as VersionStatus;
      const status: VersionStatus = from === 'retired' ? 'retired' : 'deprecated';
      await tx.updateTable('model_versions').set({ status, deprecated_at: deprecatedAt, sunset_at: sunsetAt, replacement: input.replacement ?? null }).where('id', '=', row.id).execute();
      if (status !== from) {
        await tx
          .insertInto('model_version_history')
          .values({ id: newId('mvh'), version_id: row.id, from_status: from, to_status: status, at: now, actor_id: actor.id, actor_name: actor.name, reason: input.reason, eval_run_id: null, forced: 0, gates_json: null })
          .execute();
      }
      await recordAudit(tx, { actor, action: 'models.versions.deprecate', resourceType: 'model_version', resourceId: row.id, before: { status: from }, after: { status, deprecatedAt, sunsetAt, replacement: input.replacement ?? null, reason: input.reason } });
    });
    return this.#registry.published(modelName, await this.#registry.getVersion(actor.projectId, modelName, ref));
  }

  /** Records a manual approval of one gate for a version. */
  async approve(actor: Actor, modelName: string, ref: string, input: { gate: string; reason?: string }): Promise<ApprovalRecord> {
    return this.#registry.store.transaction(async (tx) => {
      const model = await lockModel(tx, actor.projectId, modelName);
      const row = await requireVersion(tx, model, ref);
      const approval = { id: newId('apr'), version_id: row.id, gate: input.gate, at: Number(model.updated_at), actor_id: actor.id, actor_name: actor.name, reason: input.reason ?? '' };
      await tx.insertInto('model_approvals').values(approval).execute();
      await recordAudit(tx, { actor, action: 'models.versions.approve', resourceType: 'model_version', resourceId: row.id, after: { gate: input.gate, reason: approval.reason } });
      return toApproval(approval, row.name);
    });
  }

  async approvals(projectId: string, modelName: string, ref: string): Promise<ApprovalRecord[]> {
    const db = this.#registry.store.db;
    const row = await requireVersion(db, await requireModel(db, projectId, modelName), ref);
    const rows = await db.selectFrom('model_approvals').selectAll().where('version_id', '=', row.id).orderBy('at').execute();
    return rows.map((r) => toApproval(r, row.name));
  }

  /** Every lifecycle move of a version, oldest first. */
  async history(projectId: string, modelName: string, ref: string): Promise<StageChangeEntry[]> {
    const db = this.#registry.store.db;
    const row = await requireVersion(db, await requireModel(db, projectId, modelName), ref);
    const rows = await db.selectFrom('model_version_history').selectAll().where('version_id', '=', row.id).orderBy('at').orderBy('id').execute();
    return rows.map((r) => toStageChange(r, row.name));
  }

  /**
   * Points an alias at a version. `latest` is maintained by registration; `production` may only be
   * moved to a version that already passed into production (a rollback) — promote to reach it.
   */
  async setAlias(actor: Actor, modelName: string, alias: string, input: SetAliasInput): Promise<AliasMoveEntry[]> {
    await this.#registry.store.transaction((tx) => this.setAliasIn(tx, actor, modelName, alias, input));
    return this.#registry.published(modelName, await this.aliasHistory(actor.projectId, modelName, alias));
  }

  /** {@link setAlias} inside a caller's transaction (declarative apply); the caller publishes. */
  async setAliasIn(tx: Tx, actor: Actor, modelName: string, alias: string, input: SetAliasInput): Promise<void> {
    assertAliasName(alias);
    if (alias === 'latest') throw new StewardError({ code: 'ALIAS_RESERVED', message: 'latest always points at the newest version; it cannot be set' });
    const model = await lockModel(tx, actor.projectId, modelName);
    const now = Number(model.updated_at);
    const row = await requireVersion(tx, model, input.version);
    if (row.status === 'retired') {
      throw new StewardError({ code: 'MODEL_VERSION_RETIRED', message: `${row.name} is retired: an alias cannot point at it`, details: { field: 'version', version: row.name } });
    }
    if (alias === 'production' && row.status !== 'production') {
      throw new StewardError({ code: 'ALIAS_RESERVED', message: `production can point only at a version in production; ${row.name} is ${row.status}: promote it instead`, details: { status: row.status } });
    }
    const from = await moveAlias(tx, { modelId: model.id, alias, versionId: row.id, actor, reason: input.reason ?? '', evalRunId: input.evalRunId, now });
    if (from !== row.id) {
      await recordAudit(tx, { actor, action: 'models.aliases.set', resourceType: 'model_alias', resourceId: `${model.name}@${alias}`, before: { versionId: from }, after: { versionId: row.id, reason: input.reason ?? '' } });
    }
  }

  async deleteAlias(actor: Actor, modelName: string, alias: string, reason = ''): Promise<void> {
    if ((RESERVED_ALIASES as readonly string[]).includes(alias)) throw new StewardError({ code: 'ALIAS_RESERVED', message: `${alias} is maintained by Steward and cannot be removed` });
    await this.#registry.store.transaction(async (tx) => {
      const model = await lockModel(tx, actor.projectId, modelName);
      const now = Number(model.updated_at);
      const current = (await aliasRows(tx, model.id)).find((a) => a.alias === alias);
      if (!current) throw new StewardError({ code: 'ALIAS_NOT_FOUND', message: `${modelName}@${alias} does not exist` });
      await moveAlias(tx, { modelId: model.id, alias, versionId: null, actor, reason, now });
      await recordAudit(tx, { actor, action: 'models.aliases.delete', resourceType: 'model_alias', resourceId: `${model.name}@${alias}`, before: { versionId: current.version_id }, after: { reason } });
    });
    await this.#registry.published(modelName, undefined);
  }

  /** Every move of the model's aliases (or of one alias), oldest first. */
  async aliasHistory(projectId: string, modelName: string, alias?: string): Promise<AliasMoveEntry[]> {
    const db = this.#registry.store.db;
    const model = await requireModel(db, projectId, modelName);
    let q = db.selectFrom('model_alias_history').selectAll().where('model_id', '=', model.id);
    if (alias !== undefined) q = q.where('alias', '=', alias);
    const rows = await q.orderBy('at').orderBy('id').execute();
    const names = await versionNames(db, model.id);
    return rows.map((r) => toAliasMove(r, names));
  }
}

