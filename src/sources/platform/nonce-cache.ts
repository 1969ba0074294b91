/**
 * Remembers (timestamp, nonce, signature) triples of accepted callbacks so a captured request
 * cannot be replayed inside the staleness window. A multi-instance deployment plugs a shared
 * store (SQL row with a unique key, Redis SETNX) behind the same interface.
 */
export interface NonceCache {
  /** true when the key was not seen before (and is now remembered until `expiresAtMs`). */
  remember(key: string, expiresAtMs: number, nowMs: number): Promise<boolean> | boolean;
}

export class MemoryNonceCache implements NonceCache {
  private readonly entries = new Map<string, number>();
  constructor(private readonly maxEntries = 100_000) {}

  remember(key: string, expiresAtMs: number, nowMs: number): boolean {
    const seen = this.entries.get(key);
    if (seen !== undefined && seen > nowMs) return false;
    if (this.entries.size >= this.maxEntries) this.sweep(nowMs);
    // Still full of live entries: evict the oldest insertions rather than grow without bound.
    while (this.entries.size >= this.maxEntries) {
      const first = this.entries.keys().next().value as string;
      this.entries.delete(first);
    }
    this.entries.set(key, expiresAtMs);
    return true;
  }

  private sweep(nowMs: number): void {
    for (const [k, exp] of this.entries) if (exp <= nowMs) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}
