// Email addresses. Scans outward from each `@` instead of running one regex over the whole text:
// an unanchored email regex is quadratic on long runs of address characters with no `@`.
import type { PiiDetector, PiiFinding } from '../pii-finding.js';

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const LOCAL = /^[A-Za-z0-9%+_-](?:[A-Za-z0-9._%+-]*[A-Za-z0-9%+_-])?$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function findEmails(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end])) end++;
    // Leading dots belong to the sentence, trailing dots and hyphens too ("mail me at a@b.com.").
    while (start < at && text[start] === '.') start++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (!LOCAL.test(local) || !DOMAIN.test(domain)) continue;
    findings.push({ kind: 'email', start, end, value: text.slice(start, end) });
    searchFrom = end;
  }
  return findings;
}

/** Email addresses such as `jane.doe+news@example.co.uk`. */
export const emailDetector: PiiDetector = {
  kind: 'email',
  mayContain: (text) => text.includes('@'),
  detect: findEmails,
};
