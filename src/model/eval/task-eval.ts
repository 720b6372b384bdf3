// Per-task accuracy of a builtin model on freshly generated examples of the synthetic tasks, with
// greedy decoding; the requests run concurrently, so the runtime micro-batches them.
import { pretrainingDocuments } from '../data/pretraining-corpus.js';
import { generateTaskExamples, isCorrect, TASKS, type TaskName } from '../data/synthetic-tasks.js';
import type { BuiltinModel } from '../io/model-files.js';
import { BuiltinRuntime } from '../runtime/builtin-runtime.js';
import { evaluatePerplexity } from './perplexity.js';

/** Options of {@link evaluateTasks}. */
export interface TaskEvalOptions {
  /** Examples per task (default 40). */
  perTask?: number;
  /** Seed of the generated examples (default 9001, distinct from the training seeds). */
  seed?: number;
  tasks?: readonly TaskName[];
}

/** Accuracy per task in [0, 1], and their mean. */
export interface TaskScores {
  scores: Partial<Record<TaskName, number>>;
  mean: number;
  examplesPerTask: number;
}

/** Exact-match accuracy per task with greedy decoding. */
export async function evaluateTasks(model: BuiltinModel | BuiltinRuntime, o: TaskEvalOptions = {}): Promise<TaskScores> {
  const runtime = model instanceof BuiltinRuntime ? model : new BuiltinRuntime(model, { maxBatch: 32 });
  const tasks = o.tasks ?? TASKS;
  const perTask = o.perTask ?? 40;
  const examples = generateTaskExamples(perTask * tasks.length, o.seed ?? 9001, tasks);
  const replies = await Promise.all(
    examples.map((ex) => runtime.generate({ prompt: runtime.chatPrompt(ex.messages.slice(0, -1)), temperature: 0, maxTokens: 16 })),
  );
  const correct = new Map<TaskName, number>();
  examples.forEach((ex, i) => {
    if (isCorrect(ex, replies[i].text)) correct.set(ex.task, (correct.get(ex.task) ?? 0) + 1);
  });
  const scores: Partial<Record<TaskName, number>> = {};
  for (const t of tasks) scores[t] = (correct.get(t) ?? 0) / perTask;
  const values = Object.values(scores) as number[];
  return { scores, mean: values.reduce((a, b) => a + b, 0) / values.length, examplesPerTask: perTask };
}

/** Held-out prose of the small world (a seed the recipe does not use), for perplexity comparisons. */
export function heldOutTexts(): string[] {
  return pretrainingDocuments(4242, 1);
}

/** Task accuracies plus perplexity on held-out prose. */
export async function evaluateModel(model: BuiltinModel, o: TaskEvalOptions = {}): Promise<TaskScores & { heldOutPerplexity: number }> {
  const tasks = await evaluateTasks(model, o);
  return { ...tasks, heldOutPerplexity: evaluatePerplexity(model, heldOutTexts()).perplexity };
}
