// The `steward` command: every sub-command is registered here, one line each. A command's module is
// loaded only when that command runs (or for help), so `steward --version` or `steward traces list`
// does not pay for the server, the model or the YAML parser.
import { Command, Help } from 'commander';

type Register = (program: Command) => void;

/** Top-level command names → the module that registers them, in help order. */
const COMMANDS: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['start'], load: async () => (await import('./commands/start-command.js')).registerStartCommand },
  { names: ['train', 'pipelines'], load: async () => (await import('./commands/train-command.js')).registerTrainCommands },
  { names: ['demo'], load: async () => (await import('./commands/demo-command.js')).registerDemoCommands },
  { names: ['metrics', 'alerts', 'drift'], load: async () => (await import('./commands/monitoring-command.js')).registerMonitoringCommands },
  { names: ['annotate'], load: async () => (await import('./commands/annotate-command.js')).registerAnnotateCommands },
  { names: ['keys'], load: async () => (await import('./commands/keys-command.js')).registerKeysCommands },
  { names: ['audit'], load: async () => (await import('./commands/audit-command.js')).registerAuditCommands },
  { names: ['config'], load: async () => (await import('./commands/config-command.js')).registerConfigCommands },
  { names: ['secrets'], load: async () => (await import('./commands/secrets-command.js')).registerSecretsCommands },
  { names: ['routes'], load: async () => (await import('./commands/routes-command.js')).registerRoutesCommands },
  { names: ['providers'], load: async () => (await import('./commands/providers-command.js')).registerProvidersCommands },
  { names: ['traces'], load: async () => (await import('./commands/traces-command.js')).registerTracesCommands },
  { names: ['feedback'], load: async () => (await import('./commands/feedback-command.js')).registerFeedbackCommands },
  { names: ['datasets'], load: async () => (await import('./commands/datasets-command.js')).registerDatasetsCommands },
  { names: ['eval'], load: async () => (await import('./commands/eval-command.js')).registerEvalCommands },
  { names: ['models'], load: async () => (await import('./commands/models-command.js')).registerModelsCommands },
  { names: ['model'], load: async () => (await import('./commands/model-command.js')).registerModelCommands },
  { names: ['prompts'], load: async () => (await import('./commands/prompts-command.js')).registerPromptsCommands },
  { names: ['routes', 'rollout', 'experiments'], load: async () => (await import('./commands/rollout-command.js')).registerRolloutCommands },
  { names: ['apply', 'export'], load: async () => (await import('./commands/apply-command.js')).registerApplyCommands },
  { names: ['use-cases'], load: async () => (await import('./commands/use-cases-command.js')).registerUseCasesCommands },
];

/** The first argument that is not a global option: the command the user asked for, if any. */
function requestedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--url' || arg === '--api-key') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The program with the modules `argv` needs: one command's, none for `--version`, all for help or an unknown name. */
export async function createProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('steward')
    .description('Steward: self-hosted LLMOps — gateway, registry, datasets, evaluations, monitoring, training')
    .version('0.1.0')
    .option('--url <url>', 'Steward server URL (STEWARD_URL)')
    .option('--api-key <key>', 'API key (STEWARD_API_KEY)')
    // Global options only before the command: `steward alerts channel … --url X` is then an unknown
    // option, never a silent change of the server the key is sent to.
    .enablePositionalOptions()
    // `--help` marks what a command cannot run without (`deprecate --reason`); sub-commands inherit this.
    .configureHelp({ optionDescription: (option) => `${option.mandatory ? '(required) ' : ''}${new Help().optionDescription(option)}` })
    .hook('preAction', () => {
      // The program's own options only: a sub-command's option must never become the server URL or key.
      const globals = program.opts() as { url?: string; apiKey?: string };
      if (globals.url) process.env.STEWARD_URL = globals.url;
      if (globals.apiKey) process.env.STEWARD_API_KEY = globals.apiKey;
    });
  const args = argv.slice(2);
  const name = requestedCommand(args);
  const versionOnly = name === undefined && (args.includes('--version') || args.includes('-V'));
  const wanted = versionOnly ? [] : COMMANDS.filter((c) => name !== undefined && c.names.includes(name));
  for (const command of wanted.length > 0 || versionOnly ? wanted : COMMANDS) (await command.load())(program);
  return program;
}
