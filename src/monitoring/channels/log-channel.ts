// A channel that writes one structured line per notification to a logger (pino-compatible), for
// setups with log-based alerting or as a fallback channel.
import type { AlertNotification } from '../alerts/index.js';
import type { AlertChannel } from './alert-channel.js';

/** The logger shape used: pino's and fastify's loggers fit it. */
export interface ChannelLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export class LogChannel implements AlertChannel {
  readonly kind = 'log' as const;
  readonly name: string;
  readonly #logger: ChannelLogger;

  constructor(config: { name: string; logger: ChannelLogger }) {
    this.name = config.name;
    this.#logger = config.logger;
  }

  async send(notification: AlertNotification): Promise<void> {
    const level = notification.status === 'resolved' || notification.severity === 'info' ? 'info' : notification.severity === 'warning' ? 'warn' : 'error';
    this.#logger[level]({ event: 'alert', ...notification }, `alert ${notification.status}: ${notification.ruleName} — ${notification.description}`);
  }
}
