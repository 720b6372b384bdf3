// `steward providers list|get|set|delete`: upstream providers (keys are sent once and never shown).
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

export function registerProvidersCommands(program: Command): void {
  const providers = program.command('providers').description('Manage upstream providers');

  providers
    .command('list')
    .description('List providers (env, steward.yaml, API, builtin)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/providers');
      if (options.json) return printJson(data);
      printTable(data, ['name', 'family', 'baseUrl', 'source', 'hasApiKey']);
    });

  providers
    .command('get <name>')
    .description('Show a provider')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const provider = await stewardClient().get('/api/providers/{name}', { params: { path: { name } } });
      if (options.json) return printJson(provider);
      printTable([provider], ['name', 'family', 'baseUrl', 'source', 'hasApiKey']);
    });

  providers
    .command('set')
    .description('Create or replace a provider')
    .option('--file <file>', 'a YAML or JSON provider config')
    .option('--name <name>', 'provider name (clients call name/model)')
    .option('--family <family>', 'openai, anthropic or gemini')
    // Named apart from the global --url/--api-key, which only ever mean the Steward server and its key.
    .option('--provider-base-url <url>', "the provider's base URL")
    .option('--provider-key-env <variable>', "read the provider's API key from this environment variable (keeps it out of shell history)")
    .option('--json', 'print JSON')
    .action(async (options: { file?: string; name?: string; family?: string; providerBaseUrl?: string; providerKeyEnv?: string; json?: boolean }) => {
      const fromFile = options.file ? (parseYaml(readLocalFile(options.file)) as Record<string, unknown>) : {};
      const config: Record<string, unknown> = { ...fromFile };
      if (options.name) config.name = options.name;
      if (options.family) config.family = options.family;
      if (options.providerBaseUrl) config.baseUrl = options.providerBaseUrl;
      if (options.providerKeyEnv) {
        const key = process.env[options.providerKeyEnv];
        if (!key) throw new CliError(`${options.providerKeyEnv} is not set`);
        config.apiKey = key;
      }
      if (typeof config.name !== 'string') throw new CliError('a provider needs a name (--name or in --file)');
      // The server validates the config: the CLI passes on what the file and flags hold.
      const provider = await stewardClient().put('/api/providers/{name}', { params: { path: { name: config.name } }, body: config as RequestBodyOf<'/api/providers/{name}', 'put'> });
      if (options.json) return printJson(provider);
      process.stdout.write(`provider ${provider.name} (${provider.family}) is configured${provider.hasApiKey ? ' with a stored key' : ''}\n`);
    });

  providers
    .command('delete <name>')
    .description('Remove an API-configured provider and its stored key')
    .action(async (name: string) => {
      await stewardClient().delete('/api/providers/{name}', { params: { path: { name } } });
      process.stdout.write(`removed provider ${name}\n`);
    });
}
