// Change notifications between the parts of one process and, with Redis, between replicas:
// caches (API keys, routes) drop what changed instead of reading the store per request.

export interface ChangeEvent {
  topic: string;
  /** What changed, e.g. a key hash or a route name; undefined means "everything in the topic". */
  id?: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface ChangeFeed {
  /** Tells every subscriber, in this process and in every replica, that something changed. */
  publish(event: ChangeEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(topic: string, listener: ChangeListener): () => void;
  close(): Promise<void>;
}
