// eval.yaml for `steward eval run --config`: dataset (name or name@version), target, optional
// model, prompt, split and params, metrics, gates (rule texts or names of stored gates) and
// maxErrorRate (the share of errored items inline rules tolerate; default 0).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { RequestBodyOf } from '@steward/sdk';
import { CliError } from '../cli-error.js';

const GateEntry = z.union([z.string().min(1), z.object({ gate: z.string().min(1) }).strict()]);

export const EvalConfigSchema = z
  .object({
    name: z.string().optional(),
    dataset: z.string().min(1),
    split: z.enum(['train', 'validation', 'test']).optional(),
    target: z.string().min(1),
    model: z.object({ name: z.string().min(1), version: z.string().min(1) }).optional(),
    prompt: z.object({ name: z.string().optional(), version: z.union([z.string(), z.number()]).optional(), system: z.string().optional(), template: z.string().optional() }).optional(),
    metrics: z.array(z.union([z.string().min(1), z.object({ metric: z.string().min(1), name: z.string().optional(), config: z.unknown().optional() })])).min(1),
    params: z.record(z.string(), z.unknown()).optional(),
    gates: z.array(GateEntry).default([]),
    maxErrorRate: z.number().min(0).max(1).optional(),
  })
  .strict();
export type EvalConfig = z.infer<typeof EvalConfigSchema>;

export function readEvalConfig(file: string): EvalConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = EvalConfigSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The POST /api/evals/runs body for a config. */
export function runBody(config: EvalConfig): Record<string, unknown> {
  const at = config.dataset.lastIndexOf('@');
  return {
    name: config.name,
    dataset: at > 0 ? config.dataset.slice(0, at) : config.dataset,
    datasetVersion: at > 0 ? config.dataset.slice(at + 1) : 'latest',
    split: config.split,
    target: config.target,
    model: config.model,
    prompt: config.prompt,
    metrics: config.metrics.map((m) => (typeof m === 'string' ? { metric: m } : m)),
    params: config.params,
    // Sent with the run so the server refuses a bad rule before any model call.
    gates: gatesBody(config),
  };
}

/** The gates part of a run body (and of POST /runs/{id}/gates), or undefined when the config has none. */
export function gatesBody(config: EvalConfig): RequestBodyOf<'/api/evals/runs/{id}/gates'> | undefined {
  const { rules, gates } = gatesOf(config);
  if (rules.length === 0 && gates.length === 0) return undefined;
  return { rules: rules.length > 0 ? rules : undefined, gates: gates.length > 0 ? gates : undefined, maxErrorRate: config.maxErrorRate };
}

/** Inline rules and named gates of a config. */
export function gatesOf(config: EvalConfig): { rules: string[]; gates: string[] } {
  return {
    rules: config.gates.filter((g): g is string => typeof g === 'string'),
    gates: config.gates.filter((g): g is { gate: string } => typeof g !== 'string').map((g) => g.gate),
  };
}
