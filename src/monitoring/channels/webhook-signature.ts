// Signing of webhook bodies, Stripe-style: header `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>">`. The timestamp inside the MAC stops replays of old deliveries.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Name of the header carrying the signature. */
export const SIGNATURE_HEADER = 'steward-signature';

/** Default tolerance between the signed timestamp and the receiver's clock. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Computes the signature header value for `body` at `timestampSeconds`. */
export function signWebhookPayload(body: string, secret: string, timestampSeconds: number = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** Input of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureInput {
  /** The raw request body exactly as received (not re-serialised JSON). */
  body: string | Uint8Array;
  /** Value of the `steward-signature` header. */
  header: string | undefined | null;
  secret: string;
  toleranceSeconds?: number;
  /** Receiver's clock in unix seconds (default now). */
  nowSeconds?: number;
}

/**
 * Checks a delivery's signature in constant time, and that its timestamp is within the
 * tolerance. Several `v1=` entries are accepted (for secret rotation).
 *
 * @example
 * if (!verifyWebhookSignature({ body: rawBody, header: req.headers['steward-signature'], secret })) reply.code(401);
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): boolean {
  if (!input.header) return false;
  const parts = input.header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v as string);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const body = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
  const expected = Buffer.from(createHmac('sha256', input.secret).update(`${timestamp}.${body}`).digest('hex'), 'utf8');
  return signatures.some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
