// The change feed of the embedded default: listeners in this process only.
import type { ChangeEvent, ChangeFeed, ChangeListener } from './change-feed.js';

export class MemoryChangeFeed implements ChangeFeed {
  readonly #listeners = new Map<string, Set<ChangeListener>>();

  async publish(event: ChangeEvent): Promise<void> {
    this.deliver(event);
  }

  /** Calls this process's listeners; the Redis feed uses it for messages from other replicas. */
  deliver(event: ChangeEvent): void {
    for (const listener of this.#listeners.get(event.topic) ?? []) listener(event);
  }

  subscribe(topic: string, listener: ChangeListener): () => void {
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}
