// IPv4 addresses in dotted-quad form, each octet 0–255 without leading zeros.
import type { PiiDetector } from '../pii-finding.js';
import { hasDigits, scanWithRegex } from './regex-scan.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\w)(?!\\.\\d)`, 'g');

/** IPv4 addresses such as `192.168.1.20`. */
export const ipv4Detector: PiiDetector = {
  kind: 'ipv4',
  mayContain: (text) => hasDigits(text, 4) && text.includes('.'),
  detect: (text) => scanWithRegex(text, IPV4, 'ipv4'),
};
