// The configuration of one upstream provider (family, base URL, credentials, timeouts), validated
// with zod, and the zero-config helper that reads the usual environment variables.
import { z } from 'zod';

/** How /v1/responses reaches an upstream: its own Responses API, or translated to Chat Completions. */
export const RESPONSES_MODES = ['native', 'translate'] as const;

export const UPSTREAM_FAMILIES = ['openai', 'anthropic', 'gemini'] as const;
/** Families reached over HTTP (the builtin model is configured elsewhere). */
export type UpstreamFamily = (typeof UPSTREAM_FAMILIES)[number];

export const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
} as const satisfies Record<UpstreamFamily, string>;

export const ProviderTimeoutsSchema = z.object({
  /** Whole non-streaming call, or time until a stream's response headers. */
  requestMs: z.number().int().positive().default(600_000),
  /** Longest silence between two reads of a stream. */
  streamIdleMs: z.number().int().positive().default(120_000),
});

export const ProviderConfigSchema = z.object({
  /** The name clients prefix models with (`openai` in `openai/gpt-4o-mini`). */
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash and underscore'),
  family: z.enum(UPSTREAM_FAMILIES),
  /** OpenAI-compatible: up to `/v1`; Anthropic: `https://api.anthropic.com`; Gemini: up to `/v1beta`. */
  baseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  /** Optional for local servers (vLLM, Ollama, llama.cpp) that need none. */
  apiKey: z.string().min(1).optional(),
  /** Extra headers sent on every call (organisation, project, gateway tokens). */
  headers: z.record(z.string(), z.string()).default({}),
  timeouts: ProviderTimeoutsSchema.default({ requestMs: 600_000, streamIdleMs: 120_000 }),
  /** Azure OpenAI: `api-key` header, `api-version` query, `/openai/deployments/{deployment}` paths. */
  azure: z
    .object({
      apiVersion: z.string().min(1),
      /** Fixed deployment; when absent the request's model names the deployment. */
      deployment: z.string().min(1).optional(),
    })
    .optional(),
  /**
   * OpenAI-compatible: `native` sends /v1/responses requests to the upstream's own `/responses` (built-in
   * tools, reasoning items); `translate` (the default) sends them as chat completions.
   */
  responses: z.enum(RESPONSES_MODES).optional(),
  /** Anthropic: the `anthropic-version` header and the `max_tokens` sent when a request has none. */
  anthropic: z
    .object({
      version: z.string().min(1).default('2023-06-01'),
      defaultMaxTokens: z.number().int().positive().default(4096),
    })
    .optional(),
});

/** A validated provider configuration (defaults applied). */
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;
/** A provider configuration as written by a user, before defaults. */
export type ProviderConfigInput = z.input<typeof ProviderConfigSchema>;

/** Validates a configuration and applies its defaults. */
export function parseProviderConfig(input: ProviderConfigInput): ProviderConfig {
  return ProviderConfigSchema.parse(input);
}

const ENV_KEYS = {
  openai: { key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' },
  anthropic: { key: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL' },
  gemini: { key: 'GEMINI_API_KEY', baseUrl: 'GEMINI_BASE_URL' },
} as const satisfies Record<UpstreamFamily, { key: string; baseUrl: string }>;

/**
 * Zero-config providers from the usual environment variables: `OPENAI_API_KEY` (+`OPENAI_BASE_URL`)
 * gives provider `openai`, `ANTHROPIC_API_KEY`/`ANTHROPIC_BASE_URL` gives `anthropic`,
 * `GEMINI_API_KEY`/`GEMINI_BASE_URL` gives `gemini`. A base URL alone (a local server) is enough.
 *
 * @example
 * const providers = providersFromEnv(process.env).map(createProvider);
 */
export function providersFromEnv(env: Record<string, string | undefined>): ProviderConfig[] {
  const configs: ProviderConfig[] = [];
  for (const family of UPSTREAM_FAMILIES) {
    const apiKey = nonEmpty(env[ENV_KEYS[family].key]);
    const baseUrl = nonEmpty(env[ENV_KEYS[family].baseUrl]);
    if (!apiKey && !baseUrl) continue;
    configs.push(parseProviderConfig({ name: family, family, baseUrl: baseUrl ?? DEFAULT_BASE_URLS[family], apiKey }));
  }
  return configs;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
