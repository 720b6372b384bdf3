// `steward config check|settings`: validate the configuration without starting.
import type { Command } from 'commander';
import { SETTINGS, describeConfig, loadConfig } from '../../config/index.js';
import { printJson, printTable } from '../output.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('Configuration');

  config
    .command('check')
    .description('Validate environment and steward.yaml (STEWARD_CONFIG) without starting; prints the effective configuration')
    .option('--file <path>', 'steward.yaml to check (default: STEWARD_CONFIG)')
    .option('--json', 'print JSON')
    .action((options: { file?: string; json?: boolean }) => {
      const effective = describeConfig(loadConfig({ file: options.file }));
      if (options.json) return printJson({ valid: true, config: effective });
      process.stdout.write('configuration is valid\n');
      process.stdout.write(`${JSON.stringify(effective, null, 2)}\n`);
    });

  config
    .command('settings')
    .description('List every setting, its environment variable and default')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) return printJson(SETTINGS);
      printTable(SETTINGS as unknown as Record<string, unknown>[], ['env', 'path', 'defaultText', 'description']);
    });
}
