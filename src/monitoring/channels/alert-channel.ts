// The extension point for alert delivery: one small interface every channel implements, and the
// error a channel throws when a delivery fails (saying whether a retry can help).
import { StewardError } from '../../errors/index.js';
import type { AlertNotification } from '../alerts/index.js';

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'log'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

/** Delivers alert notifications somewhere. `send` rejects with {@link ChannelDeliveryError} on failure. */
export interface AlertChannel {
  readonly name: string;
  readonly kind: AlertChannelKind;
  send(notification: AlertNotification, signal: AbortSignal): Promise<void>;
}

/** A failed delivery; `retryable` is false when trying again cannot help (most 4xx answers). */
export class ChannelDeliveryError extends StewardError {
  readonly channel: string;
  readonly retryable: boolean;
  readonly statusCode: number | undefined;

  constructor(options: { channel: string; message: string; retryable: boolean; statusCode?: number; cause?: unknown }) {
    super({ code: 'ALERT_DELIVERY_FAILED', message: options.message, cause: options.cause, details: { channel: options.channel, statusCode: options.statusCode, retryable: options.retryable } });
    this.name = 'ChannelDeliveryError';
    this.channel = options.channel;
    this.retryable = options.retryable;
    this.statusCode = options.statusCode;
  }
}

/** Whether an HTTP status is worth retrying: 408, 409, 425, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** A stable id of one notification, for receivers to de-duplicate retried deliveries. */
export function deliveryId(notification: AlertNotification): string {
  return `${notification.fingerprint}:${notification.status}:${notification.startsAt}`;
}
