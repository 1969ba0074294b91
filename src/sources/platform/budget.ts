/**
 * DingTalk's standard edition meters 10 000 calls per month (90020 when exhausted; token, auth and
 * contacts calls are free). The counter lets the hub warn an admin before the tenant goes dark.
 */
export interface BudgetStore {
  /** Add `n` to the month's count and return the new total. */
  add(month: string, n: number): Promise<number> | number;
  get(month: string): Promise<number> | number;
}

export class MemoryBudgetStore implements BudgetStore {
  private readonly counts = new Map<string, number>();
  add(month: string, n: number): number {
    const v = (this.counts.get(month) ?? 0) + n;
    this.counts.set(month, v);
    return v;
  }
  get(month: string): number {
    return this.counts.get(month) ?? 0;
  }
}

export interface BudgetWarning {
  month: string;
  used: number;
  limit: number;
  threshold: number;
}

export interface MeteredBudgetOptions {
  limit?: number;
  /** Fraction of `limit` at which `onWarn` fires, once per month. */
  warnAt?: number;
  onWarn?: (w: BudgetWarning) => void;
  store?: BudgetStore;
  /** The month a call falls in, `YYYY-MM`; DingTalk resets on the tenant's (CST) month. */
  monthOf?: (ms: number) => string;
}

const cstMonth = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);

export class MeteredBudget {
  readonly limit: number;
  private readonly warnAt: number;
  private readonly store: BudgetStore;
  private readonly warned = new Set<string>();

  constructor(private readonly options: MeteredBudgetOptions = {}) {
    this.limit = options.limit ?? 10_000;
    this.warnAt = options.warnAt ?? 0.8;
    this.store = options.store ?? new MemoryBudgetStore();
  }

  month(ms: number): string {
    return (this.options.monthOf ?? cstMonth)(ms);
  }

  async record(atMs: number, n = 1): Promise<number> {
    const month = this.month(atMs);
    const used = await this.store.add(month, n);
    const threshold = Math.ceil(this.limit * this.warnAt);
    if (used >= threshold && !this.warned.has(month)) {
      this.warned.add(month);
      this.options.onWarn?.({ month, used, limit: this.limit, threshold });
    }
    return used;
  }

  async used(atMs: number): Promise<number> {
    return this.store.get(this.month(atMs));
  }
}
