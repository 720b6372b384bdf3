// Whether the output matches (or must not match) a regular expression.
import { z } from 'zod';
import type { EvalMetric } from './eval-metric.js';

const FLAGS = /^[imsu]*$/;

export const REGEX_EXPECTATIONS = ['match', 'no_match'] as const;

export const RegexConfigSchema = z
  .object({
    pattern: z.string().min(1),
    /** Any of `i`, `m`, `s`, `u`. */
    flags: z.string().regex(FLAGS, 'flags may only be i, m, s and u').default(''),
    /** `match`: the output must match; `no_match`: it must not (e.g. a leaked secret pattern). */
    expect: z.enum(REGEX_EXPECTATIONS).default('match'),
  })
  .superRefine((config, context) => {
    try {
      new RegExp(config.pattern, config.flags);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
export type RegexConfig = z.infer<typeof RegexConfigSchema>;

const compiled = new Map<string, RegExp>();

function compile(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = new RegExp(pattern, flags);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

export const regexMetric: EvalMetric<RegexConfig> = {
  name: 'regex',
  description:
    'Whether the output matches a regular expression (or, with expect "no_match", does not). 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: RegexConfigSchema,
  async score({ output }, config) {
    const match = compile(config.pattern, config.flags).exec(output);
    const ok = (match !== null) === (config.expect === 'match');
    return { score: ok ? 1 : 0, passed: ok, details: match === null ? {} : { match: match[0] } };
  },
};
