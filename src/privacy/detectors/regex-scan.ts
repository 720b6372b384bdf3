// Runs a precompiled global regex over a text and keeps the matches a validator accepts.
import type { PiiFinding, PiiKind } from '../pii-finding.js';

/**
 * Collects matches of `pattern` (which must have the `g` flag) as findings of `kind`, keeping those
 * `accept` approves. The pattern is shared between calls, so its `lastIndex` is reset here.
 */
export function scanWithRegex(
  text: string,
  pattern: RegExp,
  kind: PiiKind,
  accept: (value: string) => boolean = () => true,
): PiiFinding[] {
  const findings: PiiFinding[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const value = match[0];
    if (value.length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (accept(value)) findings.push({ kind, start: match.index, end: match.index + value.length, value });
  }
  return findings;
}

/** True when the text holds at least `count` ASCII digits (stops counting early). */
export function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen >= count) return true;
  }
  return false;
}
