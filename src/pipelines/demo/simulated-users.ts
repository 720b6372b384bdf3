// The demo's users: each visit asks the route one question drawn from a fixed mix of the builtin
// model's tasks, through the gateway like any client (sticky per user, greedy decoding), checks the
// answer against the one it knows is right, and leaves feedback: thumbs up, or thumbs down with
// the correction. Everything follows from the seed, so the same seed sends the same traffic.
import type { FeedbackService } from '../../feedback/index.js';
import type { Gateway } from '../../gateway/index.js';
import type { Actor } from '../../governance/index.js';
import { Prng, type TaskName, generateTaskExamples, isCorrect } from '../../model/index.js';

/** Share of each kind of request in the live traffic. */
export const TRAFFIC_MIX: readonly { task: TaskName; weight: number }[] = [
  { task: 'repeat', weight: 0.4 },
  { task: 'uppercase', weight: 0.15 },
  { task: 'sentiment', weight: 0.15 },
  { task: 'world_qa', weight: 0.15 },
  { task: 'reverse', weight: 0.15 },
];

/** One answered request and what its user thought of it. */
export interface Visit {
  task: TaskName;
  /** What served it: the trace's model as the gateway reported it. */
  servedBy: string;
  correct: boolean;
  traceId: string;
}

export interface SimulatedUsersOptions {
  gateway: Gateway;
  feedback: FeedbackService;
  actor: Actor;
  route: string;
  seed: number;
  /** Distinct users (sticky assignment keeps each on one arm of a canary). */
  population?: number;
  /** What served each trace (a registry version's name, else provider/model), read from the stored traces. */
  servedBy: (traceIds: readonly string[]) => Promise<Map<string, string>>;
}

export class SimulatedUsers {
  readonly #o: SimulatedUsersOptions;
  readonly #rng: Prng;
  #visits = 0;

  constructor(options: SimulatedUsersOptions) {
    this.#o = options;
    this.#rng = new Prng(options.seed);
  }

  /** `count` visits, answered concurrently (the builtin runtime batches them), feedback in visit order. */
  async visit(count: number): Promise<Visit[]> {
    const planned = Array.from({ length: count }, () => this.#plan());
    const answers = await Promise.all(
      planned.map((p) =>
        this.#o.gateway.chatCall(this.#o.actor, { model: this.#o.route, messages: p.example.messages.filter((m) => m.role !== 'assistant'), max_tokens: 12, temperature: 0, user: p.user }),
      ),
    );
    const judged = planned.map((p, i) => {
      const text = answers[i].body.choices[0]?.message?.content;
      return { task: p.example.task, correct: typeof text === 'string' && isCorrect(p.example, text), traceId: answers[i].traceId, answer: p.example.answer };
    });
    for (const j of judged) {
      await this.#o.feedback.add(this.#o.actor, j.correct ? { traceId: j.traceId, thumb: 'up', source: 'demo-user' } : { traceId: j.traceId, thumb: 'down', correction: j.answer, source: 'demo-user' });
    }
    // Feedback needs its trace stored, so by now every trace is in the store.
    const served = await this.#o.servedBy(judged.map((j) => j.traceId));
    return judged.map((j) => ({ task: j.task, servedBy: served.get(j.traceId) ?? '?', correct: j.correct, traceId: j.traceId }));
  }

  #plan() {
    const n = this.#visits++;
    const r = this.#rng.next();
    let cumulative = 0;
    const entry =
      TRAFFIC_MIX.find((m) => {
        cumulative += m.weight;
        return r < cumulative;
      }) ?? TRAFFIC_MIX[TRAFFIC_MIX.length - 1];
    const [example] = generateTaskExamples(1, this.#o.seed * 100_003 + n, [entry.task]);
    return { example, user: `customer-${this.#rng.int(this.#o.population ?? 500)}` };
  }
}
