// Everything a run depends on is checked when it is created, before any model call is spent: the
// metrics and their configurations, the gate rules (inline and named) against the run's metrics,
// the target and every other model the run will call (a judge, an embedding model). Each refusal is
// a 400 whose `details.field` names the bad part of the request.
import { type ErrorCode, StewardError } from '../../errors/index.js';
import { checkRuleSubject, parseGateRule } from '../gates/gate-rule.js';
import type { RunSpec } from './run-spec.js';
import { bindMetrics } from './run-spec.js';

/** The registry model versions behind a model name, as the gateway would route it (none for `provider/model`). */
export interface ResolvedTarget {
  versionIds: readonly string[];
}

/**
 * Resolves a model name for the caller's project without calling it.
 * @throws StewardError (MODEL_NOT_FOUND, MODEL_DISCONTINUED, …) when the name does not resolve.
 */
export type TargetResolver = (projectId: string, model: string) => Promise<ResolvedTarget>;

export interface RunValidationDeps {
  projectId: string;
  resolveTarget?: TargetResolver;
  /** The rules of a stored gate, or undefined when the project has no gate of that name. */
  gateRules(name: string): Promise<readonly string[] | undefined>;
}

function refuse(code: ErrorCode, field: string, message: string, details: Record<string, unknown> = {}): StewardError {
  return new StewardError({ code, message: `${field}: ${message}`, details: { ...details, field } });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Binds the metrics; a bad entry names its index. */
function checkMetrics(spec: RunSpec): string[] {
  try {
    return bindMetrics(spec.metrics).map((m) => m.name);
  } catch (error) {
    if (!(error instanceof StewardError)) throw error;
    const index = /^metrics\[(\d+)\]/.exec(error.message)?.[1];
    const details = error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : { cause: error.details };
    throw new StewardError({ code: error.code, message: error.message, details: { ...details, field: index === undefined ? 'metrics' : `metrics[${index}]` } });
  }
}

async function checkGates(spec: RunSpec, metrics: readonly string[], deps: RunValidationDeps): Promise<void> {
  const check = (text: string, field: string) => {
    let rule: ReturnType<typeof parseGateRule>;
    try {
      rule = parseGateRule(text);
    } catch (error) {
      throw refuse('GATE_RULE_INVALID', field, describe(error), { rule: text });
    }
    const problem = checkRuleSubject(rule, metrics);
    if (problem) throw refuse('GATE_RULE_INVALID', field, problem, { rule: text, metrics });
  };
  for (const [i, text] of (spec.gates?.rules ?? []).entries()) check(text, `gates.rules[${i}]`);
  for (const [i, name] of (spec.gates?.gates ?? []).entries()) {
    const rules = await deps.gateRules(name);
    if (rules === undefined) throw refuse('GATE_RULE_INVALID', `gates.gates[${i}]`, `no gate named ${name} in this project`, { gate: name });
    for (const text of rules) check(text, `gates.gates[${i}]`);
  }
}

async function checkModel(deps: RunValidationDeps, model: string, field: string): Promise<ResolvedTarget | undefined> {
  if (!deps.resolveTarget) return undefined;
  try {
    return await deps.resolveTarget(deps.projectId, model);
  } catch (error) {
    if (!(error instanceof StewardError)) throw error;
    throw refuse('EVAL_TARGET_INVALID', field, `${model} cannot be called: ${error.message}`, { model, cause: error.code });
  }
}

/**
 * Validates a parsed run spec; returns the registry versions behind its target.
 * @throws StewardError METRIC_CONFIG_INVALID / VALIDATION_FAILED (metrics), GATE_RULE_INVALID (gates),
 *   EVAL_TARGET_INVALID (the target, a judge's model or the embedding model), each with `details.field`.
 */
export async function validateRunSpec(spec: RunSpec, deps: RunValidationDeps): Promise<ResolvedTarget> {
  const metrics = checkMetrics(spec);
  await checkGates(spec, metrics, deps);
  const target = await checkModel(deps, spec.target, 'target');
  await checkMetricModels(spec.metrics, deps);
  if (spec.params.embeddingModel) await checkModel(deps, spec.params.embeddingModel, 'params.embeddingModel');
  return target ?? { versionIds: [] };
}

/** Every metric that calls a model of its own (a judge: `config.model`) must name one that resolves. */
export async function checkMetricModels(metrics: RunSpec['metrics'], deps: Pick<RunValidationDeps, 'projectId' | 'resolveTarget'>): Promise<void> {
  for (const [i, entry] of metrics.entries()) {
    const config = entry.config;
    if (config !== null && typeof config === 'object' && 'model' in config && typeof config.model === 'string') {
      await checkModel({ ...deps, gateRules: async () => undefined }, config.model, `metrics[${i}].config.model`);
    }
  }
}
