// What a PII detector reports, and the interface every detector implements.

export const PII_KINDS = ['email', 'phone', 'payment_card', 'iban', 'ipv4', 'ipv6'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** One piece of personal data found in a text: `text.slice(start, end) === value`. */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

/**
 * Finds one kind of personal data. Detectors are pure and linear in the text's length: regexes are
 * compiled once, quantifiers are bounded, and cheap checks (`mayContain`) skip texts that cannot match.
 */
export interface PiiDetector {
  readonly kind: PiiKind;
  /** A quick necessary condition; false means `detect` would find nothing. */
  mayContain(text: string): boolean;
  detect(text: string): PiiFinding[];
}
