// A one-line progress bar on stderr for long work (evaluations, training, imports); silent when
// stderr is not a terminal except for a final line, so logs stay readable.

export interface ProgressUpdate {
  done: number;
  total: number;
  /** Extra text after the bar, e.g. `loss 1.23 · 450 tok/s · eta 12s`. */
  detail?: string;
}

export class ProgressBar {
  readonly #label: string;
  readonly #stream: NodeJS.WriteStream;
  readonly #width: number;
  #last = '';

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr, width = 30) {
    this.#label = label;
    this.#stream = stream;
    this.#width = width;
  }

  update({ done, total, detail }: ProgressUpdate): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * this.#width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.#width - filled)}`;
    this.#last = `${this.#label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total}${detail ? ` · ${detail}` : ''}`;
    if (this.#stream.isTTY) this.#stream.write(`\r${this.#last}\x1b[K`);
  }

  finish(message?: string): void {
    const text = message ?? this.#last;
    this.#stream.write(this.#stream.isTTY ? `\r${text}\x1b[K\n` : `${text}\n`);
  }
}
