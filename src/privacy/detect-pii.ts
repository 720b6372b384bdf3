// Runs the PII detectors over a text and merges their findings into one sorted, non-overlapping list.
import { emailDetector } from './detectors/email-detector.js';
import { ibanDetector } from './detectors/iban-detector.js';
import { ipv4Detector } from './detectors/ipv4-detector.js';
import { ipv6Detector } from './detectors/ipv6-detector.js';
import { paymentCardDetector } from './detectors/payment-card-detector.js';
import { phoneDetector } from './detectors/phone-detector.js';
import { PII_KINDS, type PiiDetector, type PiiFinding, type PiiKind } from './pii-finding.js';

/** Every detector, in priority order: when two findings overlap and are as long, the earlier kind wins. */
export const PII_DETECTORS: Readonly<Record<PiiKind, PiiDetector>> = {
  payment_card: paymentCardDetector,
  iban: ibanDetector,
  email: emailDetector,
  ipv6: ipv6Detector,
  ipv4: ipv4Detector,
  phone: phoneDetector,
};

const PRIORITY: readonly PiiKind[] = Object.keys(PII_DETECTORS) as PiiKind[];

/**
 * Finds personal data in `text`: emails, phone numbers, payment cards (Luhn), IBANs (mod 97), IPv4
 * and IPv6 addresses. Findings are sorted by `start` and never overlap (the longer one wins).
 * Linear in the text's length.
 *
 * @example
 * detectPii('mail jane@example.com')
 * // [{ kind: 'email', start: 5, end: 21, value: 'jane@example.com' }]
 */
export function detectPii(text: string, kinds: readonly PiiKind[] = PII_KINDS): PiiFinding[] {
  const all: PiiFinding[] = [];
  for (const kind of PRIORITY) {
    if (!kinds.includes(kind)) continue;
    const detector = PII_DETECTORS[kind];
    if (!detector.mayContain(text)) continue;
    for (const finding of detector.detect(text)) all.push(finding);
  }
  if (all.length <= 1) return all;
  all.sort(
    (a, b) =>
      a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind),
  );
  return removeOverlaps(all);
}

// Greedy by start, but a later finding that is longer than the kept one it overlaps replaces it.
function removeOverlaps(sorted: PiiFinding[]): PiiFinding[] {
  const kept: PiiFinding[] = [];
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (last === undefined || finding.start >= last.end) {
      kept.push(finding);
    } else if (finding.end - finding.start > last.end - last.start) {
      kept[kept.length - 1] = finding;
    }
  }
  return kept;
}
