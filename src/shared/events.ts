/**
 * In-process domain events. Producers say what changed; consumers (recompute, notifications)
 * decide what to do. Consumers must be quick: they enqueue jobs, they don't do the work.
 */
export interface PunchChange {
  employeeId: number;
  atMs: number;
}

export interface DomainEventMap {
  /** Punches were added to (or attributed to) employees. */
  'checkins.changed': { companyId: number; changes: PunchChange[] };
  /** Inputs of attendance changed for employees over a date range (leave, corrections, rosters). */
  'attendance.inputs_changed': { companyId: number; employeeIds: number[] | 'all'; fromDate: string; toDate: string; reason: string };
}

type Listener<K extends keyof DomainEventMap> = (event: DomainEventMap[K]) => void | Promise<void>;

export class DomainEvents {
  private listeners = new Map<keyof DomainEventMap, Listener<never>[]>();

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<K>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(name, list);
  }

  /** Awaits every listener, so a request returns only once follow-up work is queued. */
  async emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): Promise<void> {
    for (const l of this.listeners.get(name) ?? []) await (l as Listener<K>)(event);
  }
}
