// Providers (/api/providers): upstreams configured through the API. Keys are stored sealed and
// never returned; providers from the environment and steward.yaml are listed read-only.
import { z } from 'zod';
import { RESPONSES_MODES, UPSTREAM_FAMILIES } from '../providers/provider-config.js';
// The value lists are the domain's own, declared once there.
export { UPSTREAM_FAMILIES };

export const ProviderSchema = z
  .object({
    name: z.string(),
    family: z.string(),
    baseUrl: z.string().nullable(),
    source: z.string().describe('api, environment or config'),
    shared: z.boolean().describe('Every project may call it (only the instance owner sets this)'),
    hasApiKey: z.boolean(),
    headers: z.array(z.string()).describe('Names of the extra headers (values are not shown)'),
    timeouts: z.object({ requestMs: z.number(), streamIdleMs: z.number() }).nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof ProviderSchema>;

// The route validates the config with the providers' own schema (URL, ranges) and names the bad
// field; the contract types each field and passes other keys on for it to refuse.
export const ProviderBodySchema = z
  .looseObject({
    name: z.string().optional().describe('Required on POST; PUT defaults it to the name in the path'),
    family: z.enum(UPSTREAM_FAMILIES),
    baseUrl: z.string().optional().describe('http(s) URL; default the family’s public API'),
    apiKey: z.string().optional().describe('Stored sealed, never returned; PUT without it keeps the stored key'),
    headers: z.record(z.string(), z.string()).optional(),
    timeouts: z.looseObject({ requestMs: z.number().int().optional(), streamIdleMs: z.number().int().optional() }).optional(),
    azure: z.looseObject({ apiVersion: z.string(), deployment: z.string().optional() }).optional(),
    responses: z.enum(RESPONSES_MODES).optional().describe('How /v1/responses reaches this upstream'),
    anthropic: z.looseObject({ version: z.string().optional(), defaultMaxTokens: z.number().int().optional() }).optional(),
    shared: z.boolean().optional().describe('Every project may call it (instance owner only)'),
  })
  .meta({ examples: [{ name: 'openai', family: 'openai', apiKey: 'sk-…', timeouts: { requestMs: 60000 } }] });

export const ProviderNameParamsSchema = z.object({ name: z.string().min(1) });
