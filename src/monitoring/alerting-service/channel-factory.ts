// Builds live alert channels from their stored configuration; webhook secrets are opened from the
// SecretService only here, in the process, never returned to a client.
import type { SecretService } from '../../governance/index.js';
import type { AlertChannelsTable } from '../../store/index.js';
import { channelUrlSecretName } from './channel-url-sealing.js';
import { type AlertChannel, type ChannelLogger, LogChannel, SlackChannel, WebhookChannel } from '../channels/index.js';

export async function buildChannel(row: AlertChannelsTable, secrets: SecretService, logger: ChannelLogger): Promise<AlertChannel> {
  if (row.kind === 'slack') return new SlackChannel({ name: row.name, url: await openUrl(row, secrets) });
  if (row.kind === 'webhook') {
    const secret = row.secret_name ? await secrets.reveal(row.project_id, row.secret_name) : undefined;
    return new WebhookChannel({ name: row.name, url: await openUrl(row, secrets), secret });
  }
  return new LogChannel({ name: row.name, logger });
}

/** The sealed full URL; rows from before URLs were sealed still hold it in the clear. */
async function openUrl(row: AlertChannelsTable, secrets: SecretService): Promise<string> {
  const sealed = await secrets.reveal(row.project_id, channelUrlSecretName(row.name)).catch(() => undefined);
  return sealed ?? row.url ?? '';
}

/** A JSON-lines logger on stderr, for the log channel when no logger is given. */
export const STDERR_CHANNEL_LOGGER: ChannelLogger = {
  info: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'info', ...fields, msg: message })}\n`),
  warn: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`),
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', ...fields, msg: message })}\n`),
};
