// A generic JSON webhook: POSTs the notification with an HMAC signature header, so receivers can
// check that it came from this Steward and was not replayed.
import type { AlertNotification } from '../alerts/index.js';
import { type AlertChannel, deliveryId } from './alert-channel.js';
import { postJson } from './post-json.js';
import { SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature.js';

/** Configuration of {@link WebhookChannel}. */
export interface WebhookChannelConfig {
  name: string;
  url: string;
  /** Shared secret for the signature; without it the body is sent unsigned. */
  secret?: string;
  /** Extra headers (e.g. an Authorization the receiver expects). */
  headers?: Record<string, string>;
  /** Clock in unix seconds, for tests. */
  nowSeconds?: () => number;
}

/** The JSON body of a webhook delivery. */
export interface WebhookPayload {
  type: 'steward.alert';
  version: 1;
  /** Same for every retry of one notification: receivers de-duplicate on it. */
  deliveryId: string;
  alert: AlertNotification;
}

/** Builds the body sent to webhook receivers. */
export function webhookPayload(notification: AlertNotification): WebhookPayload {
  return { type: 'steward.alert', version: 1, deliveryId: deliveryId(notification), alert: notification };
}

export class WebhookChannel implements AlertChannel {
  readonly kind = 'webhook' as const;
  readonly #config: WebhookChannelConfig;

  constructor(config: WebhookChannelConfig) {
    this.#config = config;
  }

  get name(): string {
    return this.#config.name;
  }

  async send(notification: AlertNotification, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(webhookPayload(notification));
    const headers: Record<string, string> = { ...this.#config.headers, 'steward-delivery-id': deliveryId(notification) };
    if (this.#config.secret) {
      const now = this.#config.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
      headers[SIGNATURE_HEADER] = signWebhookPayload(body, this.#config.secret, now);
    }
    await postJson(this.#config.name, this.#config.url, body, headers, signal);
  }
}
