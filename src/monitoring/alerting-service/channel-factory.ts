// Builds live alert channels from their stored configuration; webhook secrets are opened from the
// SecretService only here, in the process, never returned to a client.
import type { SecretService } from '../../governance/index.js';
import type { AlertChannelsTable } from '../../store/index.js';
import { type AlertChannel, type ChannelLogger, LogChannel, SlackChannel, WebhookChannel } from '../channels/index.js';

export async function buildChannel(row: AlertChannelsTable, secrets: SecretService, logger: ChannelLogger): Promise<AlertChannel> {
  if (row.kind === 'slack') return new SlackChannel({ name: row.name, url: row.url ?? '' });
  if (row.kind === 'webhook') {
    const secret = row.secret_name ? await secrets.reveal(row.project_id, row.secret_name) : undefined;
    return new WebhookChannel({ name: row.name, url: row.url ?? '', secret });
  }
  return new LogChannel({ name: row.name, logger });
}

/** A JSON-lines logger on stderr, for the log channel when no logger is given. */
export const STDERR_CHANNEL_LOGGER: ChannelLogger = {
  info: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'info', ...fields, msg: message })}\n`),
  warn: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`),
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', ...fields, msg: message })}\n`),
};
