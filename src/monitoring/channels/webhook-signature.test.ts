import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = '{"hello":"world"}';
  it('is an HMAC-SHA256 of "<t>.<body>" that verifies', () => {
    const header = signWebhookPayload(body, 'shh', 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${createHmac('sha256', 'shh').update(`1700000000.${body}`).digest('hex')}`);
    expect(verifyWebhookSignature({ body, header, secret: 'shh', nowSeconds: 1_700_000_010 })).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret: 'shh', nowSeconds: 1_700_000_010 })).toBe(true);
  });
  it('rejects a wrong secret, a changed body, an old timestamp, and garbage', () => {
    const header = signWebhookPayload(body, 'shh', 1_700_000_000);
    expect(verifyWebhookSignature({ body, header, secret: 'other', nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature({ body: body.replace('world', 'w0rld'), header, secret: 'shh', nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret: 'shh', nowSeconds: 1_700_000_301 })).toBe(false);
    expect(verifyWebhookSignature({ body, header: 'nonsense', secret: 'shh' })).toBe(false);
    expect(verifyWebhookSignature({ body, header: undefined, secret: 'shh' })).toBe(false);
  });
  it('accepts any of several v1 signatures (secret rotation)', () => {
    const old = signWebhookPayload(body, 'old', 1_700_000_000);
    const fresh = signWebhookPayload(body, 'new', 1_700_000_000).split(',')[1];
    expect(verifyWebhookSignature({ body, header: `${old},${fresh}`, secret: 'new', nowSeconds: 1_700_000_000 })).toBe(true);
  });
});
