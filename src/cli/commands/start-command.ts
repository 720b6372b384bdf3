// `steward start`: run the server in the foreground until SIGTERM or SIGINT, then stop gracefully.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start Steward (SQLite and the builtin model by default; DATABASE_URL / REDIS_URL to scale out)')
    .option('--host <host>', 'interface to listen on (STEWARD_HOST)')
    .option('--port <port>', 'port to listen on (STEWARD_PORT)')
    .option('--data-dir <dir>', 'data directory (STEWARD_DATA_DIR)')
    .action(async (options: { host?: string; port?: string; dataDir?: string }) => {
      const overrides: Record<string, unknown> = {};
      if (options.host) overrides['server.host'] = options.host;
      if (options.port) overrides['server.port'] = options.port;
      if (options.dataDir) overrides.dataDir = options.dataDir;
      const config = loadConfig({ overrides });
      // Loaded here so that the other commands start without the server's dependencies.
      const { startSteward } = await import('../../server/index.js');
      const steward = await startSteward(config);
      const log = steward.app.log;
      const engine = steward.services.store.engine;
      log.info({ url: steward.url, store: engine, dataDir: config.dataDir }, 'Steward is listening');
      process.stdout.write(`Steward is listening on ${steward.url} (store: ${engine})\n`);
      if (steward.generatedAdminKey) {
        process.stdout.write(
          `\nAn admin API key was created. It is shown this once; only its hash is stored:\n\n  ${steward.generatedAdminKey}\n\n` +
            `Use it as Authorization: Bearer <key>, or export STEWARD_API_KEY=<key> for the CLI.\n\n`,
        );
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'stopping: finishing in-flight requests and draining writers');
        const timer = setTimeout(() => {
          log.error('graceful shutdown timed out');
          process.exit(1);
        }, config.server.shutdownTimeoutMs);
        timer.unref();
        steward.close().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
