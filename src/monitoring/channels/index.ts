// Alert channels (signed webhook, Slack-compatible webhook, log) behind one interface, and the
// dispatcher that delivers notifications off the caller's path with retries.
export { ALERT_CHANNEL_KINDS, type AlertChannel, type AlertChannelKind, ChannelDeliveryError, deliveryId, isRetryableStatus } from './alert-channel.js';
export { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, SIGNATURE_HEADER, type VerifyWebhookSignatureInput, signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';
export { WebhookChannel, type WebhookChannelConfig, type WebhookPayload, webhookPayload } from './webhook-channel.js';
export { SlackChannel, type SlackBlock, type SlackChannelConfig, type SlackMessage, formatSlackMessage } from './slack-channel.js';
export { type ChannelLogger, LogChannel } from './log-channel.js';
export {
  DELIVERY_FAILURE_REASONS,
  type DeliveryFailure,
  type DeliveryFailureReason,
  type DispatcherOptions,
  type DispatcherStats,
  NotificationDispatcher,
} from './notification-dispatcher.js';
