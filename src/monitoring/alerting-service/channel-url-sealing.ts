// Webhook and Slack URLs carry their credential in the path or query (`hooks.slack.com/services/…`,
// `?token=…`), so the full URL is sealed in the SecretService and the channel row keeps only its
// origin, which is also all that responses and audit summaries show.

export function channelUrlSecretName(channel: string): string {
  return `alert-channel:${channel}:url`;
}

/** `https://hooks.example.com/********`: scheme and host only; user info, path and query dropped. */
export function maskChannelUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/********`;
  } catch {
    return '********';
  }
}
