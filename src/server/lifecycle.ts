// What must happen, in order, when Steward stops: registered closers run in reverse order of
// registration (last started, first stopped), each bounded by the shutdown timeout.

export type Closer = () => Promise<void> | void;

export class Lifecycle {
  readonly #closers: { name: string; close: Closer }[] = [];
  #closing: Promise<void> | undefined;

  onClose(name: string, close: Closer): void {
    this.#closers.push({ name, close });
  }

  /** Runs every closer once; later calls return the same promise. */
  close(log: (message: string, error?: unknown) => void = () => {}): Promise<void> {
    this.#closing ??= (async () => {
      for (const { name, close } of [...this.#closers].reverse()) {
        try {
          await close();
        } catch (error) {
          log(`closing ${name} failed`, error);
        }
      }
    })();
    return this.#closing;
  }
}
