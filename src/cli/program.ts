// The `steward` command: every sub-command is registered here, one line each.
import { Command } from 'commander';
import { registerModelCommands } from './commands/model-command.js';
import { registerApplyCommands } from './commands/apply-command.js';
import { registerModelsCommands } from './commands/models-command.js';
import { registerPromptsCommands } from './commands/prompts-command.js';
import { registerRolloutCommands } from './commands/rollout-command.js';
import { registerAuditCommands } from './commands/audit-command.js';
import { registerConfigCommands } from './commands/config-command.js';
import { registerDatasetsCommands } from './commands/datasets-command.js';
import { registerEvalCommands } from './commands/eval-command.js';
import { registerKeysCommands } from './commands/keys-command.js';
import { registerFeedbackCommands } from './commands/feedback-command.js';
import { registerProvidersCommands } from './commands/providers-command.js';
import { registerRoutesCommands } from './commands/routes-command.js';
import { registerTracesCommands } from './commands/traces-command.js';
import { registerSecretsCommands } from './commands/secrets-command.js';
import { registerStartCommand } from './commands/start-command.js';
import { registerTrainCommands } from './commands/train-command.js';
import { registerDemoCommands } from './commands/demo-command.js';
import { registerMonitoringCommands } from './commands/monitoring-command.js';
import { registerAnnotateCommands } from './commands/annotate-command.js';

export function createProgram(): Command {
  const program = new Command('steward')
    .description('Steward: self-hosted LLMOps — gateway, registry, datasets, evaluations, monitoring, training')
    .version('0.1.0')
    .option('--url <url>', 'Steward server URL (STEWARD_URL)')
    .option('--api-key <key>', 'API key (STEWARD_API_KEY)')
    // Global options only before the command: `steward alerts channel … --url X` is then an unknown
    // option, never a silent change of the server the key is sent to.
    .enablePositionalOptions()
    .hook('preAction', () => {
      // The program's own options only: a sub-command's option must never become the server URL or key.
      const globals = program.opts() as { url?: string; apiKey?: string };
      if (globals.url) process.env.STEWARD_URL = globals.url;
      if (globals.apiKey) process.env.STEWARD_API_KEY = globals.apiKey;
    });
  registerStartCommand(program);
  registerTrainCommands(program);
  registerDemoCommands(program);
  registerMonitoringCommands(program);
  registerAnnotateCommands(program);
  registerKeysCommands(program);
  registerAuditCommands(program);
  registerConfigCommands(program);
  registerSecretsCommands(program);
  registerRoutesCommands(program);
  registerProvidersCommands(program);
  registerTracesCommands(program);
  registerFeedbackCommands(program);
  registerDatasetsCommands(program);
  registerEvalCommands(program);
  registerModelsCommands(program);
  registerModelCommands(program);
  registerPromptsCommands(program);
  registerRolloutCommands(program);
  registerApplyCommands(program);
  return program;
}
