// Reads steward.yaml (if any) and the environment, validates both as one, and names the field
// and what was expected when something is wrong.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { StewardError } from '../errors/index.js';
import { ConfigSchema, type StewardConfig } from './config-schema.js';
import { withoutAnnotations } from '../declarative/annotations.js';
import { closestNames } from '../references/closest-names.js';
import { SETTINGS } from './settings.js';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of steward.yaml; defaults to STEWARD_CONFIG from env. */
  file?: string;
  /** Values that win over everything (tests, CLI flags). */
  overrides?: Record<string, unknown>;
}

/** Loads and validates the configuration, or throws CONFIG_INVALID listing every bad field. */
export function loadConfig(options: LoadConfigOptions = {}): StewardConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.STEWARD_CONFIG;
  const raw: Record<string, unknown> = file ? readYamlFile(file) : {};
  for (const setting of SETTINGS) {
    const value = env[setting.env];
    if (value !== undefined && value !== '') setPath(raw, setting.path, value);
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) setPath(raw, path, value);
  const parsed = ConfigSchema.safeParse(withoutAnnotations(raw));
  if (!parsed.success) throw configError(parsed.error, file);
  return parsed.data;
}

function readYamlFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new StewardError({ code: 'CONFIG_INVALID', message: `cannot read config file ${file}`, cause });
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StewardError({ code: 'CONFIG_INVALID', message: `${file} is not valid YAML: ${reason}`, cause });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new StewardError({ code: 'CONFIG_INVALID', message: `${file} must hold a mapping at the top level` });
  }
  return value as Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function configError(error: z.ZodError, file: string | undefined): StewardError {
  const problems = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, with its full path and the closest known key of that section.
      const known = knownKeysAt(issue.path.map(String));
      return issue.keys.map((key) => {
        const close = closestNames(key, known);
        return `${[...issue.path, key].join('.')}: unknown key${close.length ? ` (did you mean ${close.join(' or ')}?)` : ''}`;
      });
    }
    const path = issue.path.join('.');
    const setting = SETTINGS.find((s) => s.path === path);
    const where = setting ? `${path} (${setting.env})` : path || '(top level)';
    return [`${where}: ${issue.message}`];
  });
  return new StewardError({
    code: 'CONFIG_INVALID',
    message: `invalid configuration${file ? ` (${file})` : ''}: ${problems.join('; ')}`,
    details: problems,
  });
}

/** The keys the schema knows at a path of object sections (for "did you mean"). */
function knownKeysAt(path: string[]): string[] {
  let schema: unknown = ConfigSchema;
  for (const key of path) {
    const shape = objectShape(schema);
    if (!shape) return [];
    schema = shape[key];
  }
  return Object.keys(objectShape(schema) ?? {});
}

function objectShape(schema: unknown): Record<string, unknown> | undefined {
  // Optional/default/prefault wrappers keep the object schema in `def.innerType`.
  let node = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 5 && node && !node.shape; i++) node = node.def?.innerType as typeof node;
  return node?.shape;
}

/** The configuration with secret values masked, for `steward config check` and logs. */
export function describeConfig(config: StewardConfig): Record<string, unknown> {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const setting of SETTINGS) {
    if (!('secret' in setting) || !setting.secret) continue;
    const keys = setting.path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
    const last = keys[keys.length - 1];
    if (node && typeof node[last] === 'string') node[last] = maskSecret(node[last] as string);
  }
  return copy;
}

/** Shows only the scheme of a URL or the first characters of a key. */
export function maskSecret(value: string): string {
  const url = /^([a-z]+:\/\/)/i.exec(value);
  if (url) return `${url[1]}****`;
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}****`;
}
