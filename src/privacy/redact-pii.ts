// Replaces personal data in a text with a placeholder per kind (`[EMAIL]`) or with a keyed pseudonym
// that stays the same for the same value, so that redacted records can still be joined.
import { invalid } from '../errors/index.js';
import { detectPii } from './detect-pii.js';
import { PII_KINDS, type PiiFinding, type PiiKind } from './pii-finding.js';
import type { Pseudonymiser } from './pseudonymiser.js';

export const REDACTION_MODES = ['mask', 'pseudonym'] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export interface RedactOptions {
  /** Which kinds to redact; all by default. */
  kinds?: readonly PiiKind[];
  /** `mask` (default) writes `[EMAIL]`; `pseudonym` writes `[EMAIL:email_…]` using `pseudonymiser`. */
  mode?: RedactionMode;
  pseudonymiser?: Pseudonymiser;
}

export interface RedactResult {
  text: string;
  /** Positions refer to the original text. */
  findings: PiiFinding[];
}

const LABELS: Readonly<Record<PiiKind, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  payment_card: 'CARD',
  iban: 'IBAN',
  ipv4: 'IP',
  ipv6: 'IP',
};

/** The placeholder `mask` mode writes for a kind, e.g. `[EMAIL]`. */
export function maskFor(kind: PiiKind): string {
  return `[${LABELS[kind]}]`;
}

/**
 * Redacts personal data in `text`. Returns the input string itself when nothing was found, so the
 * common case allocates nothing.
 *
 * @example
 * redactPii('call +44 20 7946 0958').text // 'call [PHONE]'
 */
export function redactPii(text: string, options: RedactOptions = {}): RedactResult {
  const findings = detectPii(text, options.kinds ?? PII_KINDS);
  if (findings.length === 0) return { text, findings };
  const mode = options.mode ?? 'mask';
  const pseudonymiser = options.pseudonymiser;
  if (mode === 'pseudonym' && pseudonymiser === undefined) {
    throw invalid('redactPii: mode "pseudonym" needs a pseudonymiser');
  }
  const parts: string[] = [];
  let cursor = 0;
  for (const finding of findings) {
    parts.push(text.slice(cursor, finding.start));
    const label = LABELS[finding.kind];
    parts.push(
      pseudonymiser !== undefined && mode === 'pseudonym'
        ? `[${label}:${pseudonymiser.pseudonymise(finding.value, label.toLowerCase())}]`
        : `[${label}]`,
    );
    cursor = finding.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), findings };
}
