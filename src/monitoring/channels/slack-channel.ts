// A Slack-compatible incoming webhook (also accepted by Mattermost and Rocket.Chat): `text` for
// notifications and fallbacks, `blocks` for the formatted message.
import type { AlertNotification } from '../alerts/index.js';
import type { AlertChannel } from './alert-channel.js';
import { postJson } from './post-json.js';

/** Configuration of {@link SlackChannel}. */
export interface SlackChannelConfig {
  name: string;
  url: string;
}

/** One Slack Block Kit block (the subset used here). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const ICONS = { critical: ':rotating_light:', warning: ':warning:', info: ':information_source:' } as const;

/** Slack's mrkdwn needs &, < and > escaped. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Formats a notification as a Slack message. */
export function formatSlackMessage(notification: AlertNotification): SlackMessage {
  const resolved = notification.status === 'resolved';
  const icon = resolved ? ':white_check_mark:' : ICONS[notification.severity];
  const title = `${resolved ? 'RESOLVED' : notification.severity.toUpperCase()}: ${notification.ruleName}`;
  const labels = Object.entries(notification.labels)
    .map(([k, v]) => `\`${escapeMrkdwn(k)}=${escapeMrkdwn(v)}\``)
    .join(' ');
  const since = new Date(notification.startsAt).toISOString();
  return {
    text: `${icon} ${title} — ${notification.description}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${title}`.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${icon} ${escapeMrkdwn(notification.description)}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${labels ? `${labels} · ` : ''}metric \`${escapeMrkdwn(notification.metric)}\` · since ${since}${notification.endsAt ? ` · resolved ${new Date(notification.endsAt).toISOString()}` : ''}` }],
      },
    ],
  };
}

export class SlackChannel implements AlertChannel {
  readonly kind = 'slack' as const;
  readonly #config: SlackChannelConfig;

  constructor(config: SlackChannelConfig) {
    this.#config = config;
  }

  get name(): string {
    return this.#config.name;
  }

  async send(notification: AlertNotification, signal: AbortSignal): Promise<void> {
    await postJson(this.#config.name, this.#config.url, JSON.stringify(formatSlackMessage(notification)), {}, signal);
  }
}
