import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import type { PiiKind } from './pii-finding.js';

function values(text: string, kinds?: PiiKind[]): string[] {
  return detectPii(text, kinds).map((finding) => `${finding.kind}:${finding.value}`);
}

describe('detectPii', () => {
  it('finds emails and trims sentence punctuation', () => {
    expect(values('Write to jane.doe+news@mail.example.co.uk. Or bob@x.io!')).toEqual([
      'email:jane.doe+news@mail.example.co.uk',
      'email:bob@x.io',
    ]);
    expect(values('@mention and user@localhost and a@b.c')).toEqual([]);
  });

  it('finds international and national phone numbers but not bare digit runs', () => {
    const text =
      'UK +44 20 7946 0958, US (555) 123-4567 or 555.123.4567, FR 06 12 34 56 78, DE 030/1234567, order 20240115123456';
    expect(values(text, ['phone'])).toEqual([
      'phone:+44 20 7946 0958',
      'phone:(555) 123-4567',
      'phone:555.123.4567',
      'phone:06 12 34 56 78',
      'phone:030/1234567',
    ]);
    expect(values('version 1.2.3, 2024-01-15, 12:30, total 1234567', ['phone'])).toEqual([]);
  });

  it('accepts card numbers only with a valid Luhn digit and issuer prefix', () => {
    expect(values('card 4111 1111 1111 1111 exp 12/27')).toEqual(['payment_card:4111 1111 1111 1111']);
    expect(values('amex 378282246310005, mc 5555-5555-5555-4444')).toEqual([
      'payment_card:378282246310005',
      'payment_card:5555-5555-5555-4444',
    ]);
    expect(values('card 4111 1111 1111 1112 and 1234567890123456', ['payment_card'])).toEqual([]);
  });

  it('accepts IBANs only with the right length and mod-97 checksum', () => {
    expect(values('pay GB82 WEST 1234 5698 7654 32 or DE89370400440532013000')).toEqual([
      'iban:GB82 WEST 1234 5698 7654 32',
      'iban:DE89370400440532013000',
    ]);
    expect(values('GB83 WEST 1234 5698 7654 32', ['iban'])).toEqual([]);
  });

  it('finds IPv4 and IPv6 addresses but not versions, times or C++ scopes', () => {
    expect(values('from 192.168.1.20 and 2001:db8::8a2e:370:7334 via ::1.')).toEqual([
      'ipv4:192.168.1.20',
      'ipv6:2001:db8::8a2e:370:7334',
      'ipv6:::1',
    ]);
    expect(values('at 12:30:45 use std::map, 256.1.1.1 and 1.2.3')).toEqual([]);
  });

  it('returns sorted, non-overlapping findings with exact offsets', () => {
    const text = 'a@b.io 4111111111111111 +33 6 12 34 56 78';
    const findings = detectPii(text);
    expect(findings.map((f) => f.kind)).toEqual(['email', 'payment_card', 'phone']);
    for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.value);
  });

  // A guard against catastrophic regex backtracking (which would take minutes), not a speed test:
  // speed is measured by the benchmark.
  it('stays linear on long adversarial inputs', () => {
    const adversarial = `${'a.'.repeat(100_000)} ${'1 '.repeat(100_000)} ${'a:'.repeat(50_000)}`;
    const started = performance.now();
    detectPii(adversarial);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
