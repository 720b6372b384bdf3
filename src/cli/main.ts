// Entry point of the `steward` command; every failure is one clear line on stderr and exit code 1.
import { StewardError } from '../errors/index.js';
import { CliError, toCliError } from './cli-error.js';
import { createProgram } from './program.js';
import { redactCredentials } from './redact-credentials.js';

// The reader went away (`steward traces list | head -1`): that is the end of the output, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

try {
  await (await createProgram(process.argv)).parseAsync(process.argv);
} catch (thrown) {
  const error = toCliError(thrown);
  const message = error instanceof CliError || error instanceof StewardError ? error.message : error instanceof Error ? error.message : String(error);
  const env = process.env;
  process.stderr.write(`steward: ${redactCredentials(message, [env.STEWARD_API_KEY, env.STEWARD_ADMIN_KEY, env.STEWARD_MASTER_KEY])}\n`);
  process.exitCode = 1;
}
