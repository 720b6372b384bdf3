// IPv6 addresses: full, compressed (`::`) and IPv4-suffixed forms. A bounded regex finds candidates
// and Node's own parser decides, so that times (12:30:45) and C++ scopes (std::map) are not flagged.
import { isIPv6 } from 'node:net';
import type { PiiDetector } from '../pii-finding.js';
import { scanWithRegex } from './regex-scan.js';

const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g;

function isAddress(value: string): boolean {
  if (!isIPv6(value)) return false;
  // Require two hex groups: "a::" or "::1" alone are more often code than addresses, except loopback.
  const groups = value.split(':').filter((group) => group.length > 0);
  return groups.length >= 2 || value === '::1';
}

/** IPv6 addresses such as `2001:db8::8a2e:370:7334`. */
export const ipv6Detector: PiiDetector = {
  kind: 'ipv6',
  mayContain: (text) => text.includes(':'),
  detect: (text) => scanWithRegex(text, IPV6, 'ipv6', isAddress),
};
