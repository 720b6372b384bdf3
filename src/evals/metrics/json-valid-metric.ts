// Whether the output is valid JSON (optionally inside a Markdown code fence).
import { z } from 'zod';
import { stripCodeFence } from './answer-text.js';
import type { EvalMetric } from './eval-metric.js';

export const JsonValidConfigSchema = z.object({
  /** Accept JSON wrapped in a ```json fence (default true). */
  allowCodeFence: z.boolean().default(true),
  /** Require an object or array, not a bare string or number (default false). */
  requireContainer: z.boolean().default(false),
});
export type JsonValidConfig = z.infer<typeof JsonValidConfigSchema>;

/** Parses the output as JSON; `ok: false` carries the parser's message. */
export function parseOutputJson(output: string, allowCodeFence: boolean): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(allowCodeFence ? stripCodeFence(output) : output.trim()) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export const jsonValidMetric: EvalMetric<JsonValidConfig> = {
  name: 'json_valid',
  description: 'Whether the output parses as JSON (optionally an object or array only). 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: JsonValidConfigSchema,
  async score({ output }, config) {
    const parsed = parseOutputJson(output, config.allowCodeFence);
    if (!parsed.ok) return { score: 0, passed: false, details: { reason: parsed.message } };
    if (config.requireContainer && (parsed.value === null || typeof parsed.value !== 'object')) {
      return { score: 0, passed: false, details: { reason: 'not an object or array' } };
    }
    return { score: 1, passed: true };
  },
};
