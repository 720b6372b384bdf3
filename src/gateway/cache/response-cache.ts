// The exact-match response cache: one interface, an LRU in memory by default, Redis when configured.

export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
