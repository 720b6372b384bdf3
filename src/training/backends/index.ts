// Training backends, one folder each, listed in one explicit map: adding a trainer is one folder
// and one line here.
import { CommandBackend } from './command/command-backend.js';
import { OpenAiFineTuningBackend } from './openai/openai-fine-tuning-backend.js';
import type { TrainingBackend } from './training-backend.js';

export type { TrainingBackend, TrainingLogLevel, TrainingProgress, TrainingRun } from './training-backend.js';
export { CommandBackend, CommandBackendConfigSchema, parseProgressLine } from './command/command-backend.js';
export { OpenAiFineTuningBackend, OpenAiFineTuningConfigSchema } from './openai/openai-fine-tuning-backend.js';
export { BuiltinBackend, BuiltinBackendConfigSchema } from './builtin/builtin-backend.js';

/** The backends a server offers: command and OpenAI-compatible always; `extra` adds or replaces entries (the builtin model's backend, which needs its model folders). */
export function createTrainingBackends(extra: readonly TrainingBackend[] = []): Map<string, TrainingBackend> {
  const backends: TrainingBackend[] = [new CommandBackend(), new OpenAiFineTuningBackend(), ...extra];
  return new Map(backends.map((b) => [b.name, b]));
}
