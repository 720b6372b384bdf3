// The one HTTP POST the webhook-style channels share: JSON body, abort signal, status check.
import { ChannelDeliveryError, isRetryableStatus } from './alert-channel.js';

/** POSTs `body` (already serialised) to `url`; throws {@link ChannelDeliveryError} unless 2xx. */
export async function postJson(channel: string, url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal });
  } catch (error) {
    const aborted = signal.aborted;
    throw new ChannelDeliveryError({ channel, message: aborted ? `${channel}: request timed out or was aborted` : `${channel}: ${(error as Error).message}`, retryable: true, cause: error });
  }
  // Drain the body so the connection can be reused.
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new ChannelDeliveryError({ channel, message: `${channel}: receiver answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`, retryable: isRetryableStatus(response.status), statusCode: response.status });
  }
}
