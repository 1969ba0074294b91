import { prng } from './random.js';

/**
 * Fault injection by rate. Each request draws once from a seeded sequence, so a run with the same
 * seed and request order faults the same requests. Kinds are shared; each simulator renders them
 * in its platform's own words (errcodes, HTML ban page, …).
 */
export type FaultKind =
  | 'rate_limit'
  | 'global_rate_limit'
  | 'token_expired'
  | 'server_error'
  | 'system_busy'
  | 'timeout'
  | 'html_ban'
  | 'slow';

export interface FaultOptions {
  /** Probability that a request is faulted, 0..1. */
  rate: number;
  /** Relative weights of the kinds; kinds a platform cannot produce are ignored. */
  kinds?: Partial<Record<FaultKind, number>>;
  seed?: number | string;
  /** How long a `timeout` fault holds the request before dropping the connection. */
  hangMs?: number;
  /** Extra latency of a `slow` fault (the answer is still correct). */
  slowMs?: number;
  /**
   * A `token_expired` fault only hits tokens at least this old (default 5 s): a token the platform
   * has just issued does not expire on its first use, and a client that refreshed and retried once
   * is entitled to a working token.
   */
  tokenMinAgeMs?: number;
  /** Only these paths fault (default: every API path except token endpoints). */
  paths?: string[];
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly table: Array<[FaultKind, number]>;
  readonly counts: Partial<Record<FaultKind, number>> = {};

  constructor(
    readonly options: FaultOptions,
    supported: readonly FaultKind[],
  ) {
    this.random = prng(options.seed ?? 'faults');
    const weights = options.kinds ?? Object.fromEntries(supported.map((k) => [k, 1]));
    let total = 0;
    this.table = [];
    for (const k of supported) {
      const w = weights[k] ?? 0;
      if (w > 0) this.table.push([k, (total += w)]);
    }
    for (const row of this.table) row[1] /= total || 1;
  }

  draw(path: string): FaultKind | null {
    if (this.options.rate <= 0 || this.table.length === 0) return null;
    if (this.options.paths ? !this.options.paths.includes(path) : /token/i.test(path)) return null;
    if (this.random() >= this.options.rate) return null;
    const x = this.random();
    const kind = (this.table.find(([, c]) => x < c) ?? this.table[this.table.length - 1])[0];
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return kind;
  }
}

/** A per-(app, path) token bucket that rejects instead of waiting, like the platforms' QPS gates. */
export class QpsGate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly qps: number,
    private readonly burst = qps,
    private readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.qps);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
