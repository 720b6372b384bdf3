// Silences: a time range and label matchers during which matching alerts change state as usual
// but send no notification (planned maintenance, a known incident).
import { z } from 'zod';

export const MATCHER_OPERATORS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOperator = (typeof MATCHER_OPERATORS)[number];

export const silenceMatcherSchema = z
  .object({
    /** Label name; `alertname`, `ruleId` and `severity` are matchable besides the series labels. */
    name: z.string().min(1),
    op: z.enum(MATCHER_OPERATORS).default('='),
    value: z.string(),
  })
  .strict();

export const silenceSchema = z
  .object({
    id: z.string().min(1),
    matchers: z.array(silenceMatcherSchema).min(1),
    /** Epoch milliseconds. */
    startsAt: z.number(),
    endsAt: z.number(),
    comment: z.string().default(''),
    createdBy: z.string().default(''),
  })
  .strict()
  .refine((s) => s.endsAt > s.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export type Silence = z.infer<typeof silenceSchema>;
export type SilenceInput = z.input<typeof silenceSchema>;

/** Whether `silence` is active at `now` and all its matchers match `labels` (Alertmanager semantics; regexes are anchored). */
export function silenceMatches(silence: Silence, labels: Readonly<Record<string, string>>, now: number): boolean {
  if (now < silence.startsAt || now >= silence.endsAt) return false;
  return silence.matchers.every((m) => matcherMatches(m.op, m.value, labels[m.name] ?? ''));
}

function matcherMatches(op: MatcherOperator, expected: string, actual: string): boolean {
  if (op === '=') return actual === expected;
  if (op === '!=') return actual !== expected;
  const matched = safeRegex(expected)?.test(actual) ?? false;
  return op === '=~' ? matched : !matched;
}

function safeRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** The first silence covering these labels at `now`, if any. */
export function findSilence(silences: readonly Silence[], labels: Readonly<Record<string, string>>, now: number): Silence | undefined {
  return silences.find((s) => silenceMatches(s, labels, now));
}
