/**
 * Checkin ingest and queries. Every source ends here: punches are stored once (idempotency
 * key), attributed to an employee when their identity is known, kept as unmatched otherwise,
 * and announced so that the affected attendance days are recomputed.
 */
import type { Kysely } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { AppError, notFound, validationError, type FieldProblem } from '../../shared/errors.js';
import type { DomainEvents, PunchChange } from '../../shared/events.js';
import { isSupportedInstant } from '../../shared/bounds.js';
import { isoWithOffset } from '../../shared/time.js';
import type { CheckinInput, CheckinSink, IngestItemResult, IngestSummary } from '../../sources/types.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { identityKey } from '../identities/identities.repo.js';
import type { IdentitiesService } from '../identities/identities.service.js';
import { CheckinsRepo, type IngestEvents, type NewCheckins } from './checkins.repo.js';
import { employeeRefs } from '../employees/employees.repo.js';
import type { EmployeeRef, EventPayloads } from '../outbox/event-payloads.js';
import { newEventId, type Outbox } from '../outbox/outbox.js';
import type { StampedEvent } from '../outbox/outbox.repo.js';
import type { CheckinBatchT, CheckinQueryT } from './checkins.schemas.js';
import { checkinDto } from './checkins.dto.js';
import { toCheckinInput } from './checkin-input.js';
import { companyExists, companyTimeZone, findCompanyTimeZone } from '../companies/company-lookups.repo.js';

export interface IngestOptions {
  /** Why these punches do not count yet (e.g. a device waiting for approval). */
  holdReason?: string | null;
  /** Identities the caller has already resolved (identity key → employee id). */
  resolved?: Map<string, number>;
}

export interface IngestObserver {
  (source: string, outcome: 'created' | 'duplicate' | 'rejected', n: number): void;
}

export class CheckinsService implements CheckinSink {
  readonly repo: CheckinsRepo;

  constructor(
    private readonly db: Kysely<DB>,
    raw: RawHandle,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly identities: IdentitiesService,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
    private readonly observe: IngestObserver = () => {},
    /** A punch later than receipt plus this allowance is from a clock that runs ahead: quarantined. */
    private readonly clockSkewMs = 5 * 60_000,
    private readonly outbox: Outbox | null = null,
  ) {
    this.repo = new CheckinsRepo(raw);
  }

  /** The port every source writes through (devices, platforms, file imports). */
  async ingest(companyId: number, all: CheckinInput[], opts: IngestOptions = {}, actor: Actor = systemActor('ingest')): Promise<IngestSummary> {
    if (!(await companyExists(this.db, companyId))) throw notFound('company', companyId);
    const receivedAt = this.now();
    const { items, refused } = await this.refuseAbsurd(companyId, all, actor);
    if (refused.length) {
      const summary = await this.ingest(companyId, items, opts, actor);
      return mergeRefused(all, summary, refused);
    }
    // A clock that runs ahead stamps punches in the future: stored, shown to HR, never counted.
    const latestMs = receivedAt + this.clockSkewMs;
    const holdReasons = items.map((i) => (i.atMs > latestMs ? FUTURE_HOLD : null));
    const anyFuture = holdReasons.some((r) => r !== null);
    const keys = items.map((i) => identityKey(i.identity));
    const known = opts.resolved ?? new Map<string, number>();
    const pending = items.filter((_, i) => !known.has(keys[i])).map((i) => i.identity);
    const resolved = pending.length ? await this.identities.resolveForIngest(this.db, companyId, pending) : new Map<string, number>();
    const hold = opts.holdReason ?? null;
    const employeeIds = keys.map((k) => known.get(k) ?? resolved.get(k) ?? null);
    const batch = { companyId, receivedAtMs: receivedAt, holdReason: hold, ...(anyFuture ? { holdReasons } : {}), items, employeeIds };
    const events = await this.eventsOf(batch);
    let announced = 0;
    const ids = await this.repo.insertMany(batch, events ? (out) => {
      const stamped = events(out);
      announced = stamped.length;
      return stamped;
    } : undefined);
    if (announced) this.outbox!.kick();
    const results: IngestItemResult[] = new Array(items.length);
    const changes: PunchChange[] = [];
    let created = 0;
    let unmatched = 0;
    for (let i = 0; i < items.length; i++) {
      const id = ids[i];
      const key = items[i].idempotencyKey;
      if (id === null) {
        results[i] = { idempotencyKey: key, outcome: 'duplicate' };
        continue;
      }
      created++;
      const employeeId = employeeIds[i];
      if (employeeId === null) unmatched++;
      else if (hold === null && holdReasons[i] === null) changes.push({ employeeId, atMs: items[i].atMs });
      results[i] = { idempotencyKey: key, outcome: 'created', checkinId: String(id), ...(employeeId === null ? { unmatched: true } : {}) };
    }
    const duplicates = items.length - created;
    const source = items[0]?.source ?? 'api';
    if (created) {
      await this.audit.record(this.db, actor, {
        action: 'checkin.ingest',
        entity: 'checkin_batch',
        entityId: null,
        companyId,
        after: { source, created, duplicates, unmatched, held: hold ? created : 0, future: holdReasons.filter((r) => r !== null).length, firstId: ids.find((x) => x !== null), lastId: [...ids].reverse().find((x) => x !== null) },
      });
      this.observe(source, 'created', created);
    }
    if (duplicates) this.observe(source, 'duplicate', duplicates);
    if (changes.length) await this.events.emit('checkins.changed', { companyId, changes });
    return { created, duplicates, rejected: 0, unmatched, items: results };
  }

  /**
   * The events of a batch, when a consumer wants them: `checkin.created` for each new punch that
   * counts (matched, not held), `checkin.unmatched` for each new punch whose identity is unknown.
   * Employee names are read before the insert, so building the events inside it is synchronous.
   */
  private async eventsOf(b: NewCheckins): Promise<IngestEvents | null> {
    const wantCreated = this.outbox?.wants(b.companyId, 'checkin.created') ?? false;
    const wantUnmatched = this.outbox?.wants(b.companyId, 'checkin.unmatched') ?? false;
    if (!wantCreated && !wantUnmatched) return null;
    const refs = wantCreated ? await employeeRefs(this.db, b.companyId, b.employeeIds.filter((e): e is number => e !== null)) : new Map<number, EmployeeRef>();
    // Hot path (one event per punch): the wanted types were checked once above, so events are
    // built stamped, each payload as one literal (typed by its EventPayloads entry).
    return (out) => {
      const list: StampedEvent[] = [];
      for (let i = 0; i < out.length; i++) {
        const checkinId = out[i];
        if (checkinId === null) continue;
        const it = b.items[i];
        const employeeId = b.employeeIds[i];
        if (employeeId === null) {
          if (!wantUnmatched) continue;
          const payload: EventPayloads['checkin.unmatched'] = { checkinId, source: it.source, externalUserId: it.identity.externalId, punchedAt: isoWithOffset(it.atMs, it.utcOffsetMin) };
          list.push({ companyId: b.companyId, type: 'checkin.unmatched', subject: null, payload: payload as never, occurredAtMs: b.receivedAtMs, eventId: newEventId() });
          continue;
        }
        const ref = refs.get(employeeId);
        const held = (b.holdReasons?.[i] ?? b.holdReason) !== null;
        if (!wantCreated || !ref || held) continue;
        const payload: EventPayloads['checkin.created'] = {
          employeeId, employeeNo: ref.employeeNo, name: ref.name, departmentId: ref.departmentId,
          checkinId, source: it.source, punchedAt: isoWithOffset(it.atMs, it.utcOffsetMin), localDate: it.wallTime.slice(0, 10), method: it.verifyMethod ?? null,
        };
        list.push({ companyId: b.companyId, type: 'checkin.created', subject: `employee:${employeeId}`, payload: payload as never, occurredAtMs: b.receivedAtMs, eventId: newEventId() });
      }
      return list;
    };
  }

  /**
   * Punches with an instant outside the supported window (a device set to year 9999, a broken
   * platform record) are refused: not stored, counted as rejected, and written to the audit log
   * with what they were, so HR can see them and nothing disappears silently.
   */
  private async refuseAbsurd(companyId: number, items: CheckinInput[], actor: Actor): Promise<{ items: CheckinInput[]; refused: number[] }> {
    const refused: number[] = [];
    for (let i = 0; i < items.length; i++) if (!isSupportedInstant(items[i].atMs)) refused.push(i);
    if (!refused.length) return { items, refused };
    const source = items[refused[0]].source ?? 'unknown';
    await this.audit.record(this.db, actor, {
      action: 'checkin.rejected',
      entity: 'checkin_batch',
      entityId: null,
      companyId,
      after: {
        source,
        rejected: refused.length,
        reason: 'INSTANT_OUT_OF_RANGE',
        punches: refused.slice(0, 50).map((i) => ({ idempotencyKey: items[i].idempotencyKey.slice(0, 200), atMs: items[i].atMs, wallTime: items[i].wallTime, deviceSn: items[i].deviceSn ?? null, externalId: items[i].identity.externalId })),
      },
    });
    this.observe(source, 'rejected', refused.length);
    const skip = new Set(refused);
    return { items: items.filter((_, i) => !skip.has(i)), refused };
  }

  /** Ingest from the API: validated whole, so a batch with one bad item writes nothing. */
  async ingestFromApi(actor: Actor, batch: CheckinBatchT): Promise<IngestSummary> {
    this.access.assertCompany(actor, batch.companyId, 'checkins:write', ['admin', 'hr']);
    const companyZone = await findCompanyTimeZone(this.db, batch.companyId);
    if (companyZone === undefined) throw notFound('company', batch.companyId);
    const employeeZones = await this.employeeZones(batch);
    const problems: FieldProblem[] = [];
    const inputs: CheckinInput[] = [];
    batch.items.forEach((item, i) => {
      const out = toCheckinInput(item, `body.items[${i}]`, companyZone, employeeZones, problems);
      if (out) inputs.push(out);
    });
    if (problems.length) throw validationError(problems.slice(0, 200), 'INVALID_CHECKINS');
    // Employees named by id were looked up above; no need to resolve them again.
    const resolved = new Map<string, number>();
    for (const id of employeeZones.keys()) resolved.set(identityKey({ provider: 'employee', tenant: '', externalId: String(id) }), id);
    return this.ingest(batch.companyId, inputs, { resolved }, actor);
  }

  private async employeeZones(batch: CheckinBatchT): Promise<Map<number, string | null>> {
    const ids = [...new Set(batch.items.map((i) => i.employeeId).filter((x): x is number => x !== undefined))];
    const map = new Map<number, string | null>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.repo.employeeTimeZones(this.db, batch.companyId, ids.slice(i, i + 500));
      for (const r of rows) map.set(r.id, r.time_zone);
    }
    return map;
  }

  async list(actor: Actor, q: CheckinQueryT, limit: number, offset: number) {
    this.access.assertCompany(actor, q.companyId, 'read');
    const companyZone = await companyTimeZone(this.db, q.companyId);
    const scope = await this.access.employeeScope(actor, q.companyId);
    let employeeIds: number[] | undefined;
    let departmentIds: number[] | undefined = q.departmentId ? [q.departmentId] : undefined;
    if (scope.kind === 'self') employeeIds = [scope.employeeId];
    else if (scope.kind === 'none') employeeIds = [];
    else if (scope.kind === 'departments') {
      // Managers: their subtree; "their own punches" are included through their department.
      departmentIds = departmentIds ? departmentIds.filter((d) => scope.departmentIds.includes(d)) : scope.departmentIds;
    }
    if (q.employeeId) employeeIds = employeeIds ? employeeIds.filter((e) => e === q.employeeId) : [q.employeeId];
    if (q.unmatched && scope.kind !== 'all') throw new AppError('FORBIDDEN', 'Only HR sees unmatched punches', 403);
    const { rows, total } = await this.repo.list(this.db, {
      companyId: q.companyId,
      employeeIds,
      departmentIds,
      fromMs: q.from ? zonedDayStartMs(q.from, companyZone) : undefined,
      toMs: q.to ? zonedDayStartMs(addDays(q.to, 1), companyZone) : undefined,
      source: q.source,
      unmatchedOnly: q.unmatched,
      heldOnly: q.held,
      limit,
      offset,
    });
    return { items: rows.map(checkinDto), total };
  }

  /** Punches refused at ingest, for HR: nothing a device or platform sends disappears unseen. */
  async rejected(actor: Actor, companyId: number, limit: number, offset: number) {
    this.access.assertCompany(actor, companyId, 'read');
    if (actor.role !== 'admin' && actor.role !== 'hr') throw new AppError('FORBIDDEN', 'Only HR sees refused punches', 403);
    const { rows, total } = await this.repo.rejectedBatches(this.db, companyId, limit, offset);
    const items = rows.map((r) => {
      const after = (r.after ? JSON.parse(r.after) : {}) as { source?: string; reason?: string; rejected?: number; punches?: unknown[] };
      return { atMs: r.at_ms, actorName: r.actor_name, source: after.source ?? '', reason: after.reason ?? '', rejected: after.rejected ?? 0, punches: (after.punches ?? []) as never[] };
    });
    return { items, total };
  }

  async get(actor: Actor, id: number) {
    const row = await this.repo.findWithEmployee(this.db, id);
    if (!row) throw notFound('checkin', id);
    this.access.assertCompany(actor, row.company_id, 'read');
    if (row.employee_id === null) {
      const scope = await this.access.employeeScope(actor, row.company_id);
      if (scope.kind !== 'all') throw notFound('checkin', id);
    } else {
      await this.access.assertEmployee(actor, { id: row.employee_id, company_id: row.company_id, department_id: row.department_id });
    }
    return { ...checkinDto(row), raw: row.raw === null ? null : (JSON.parse(row.raw) as unknown) };
  }
}

/** The hold reason of a punch stamped later than receipt plus the clock-skew allowance. */
export const FUTURE_HOLD = 'clock_ahead';

const OUT_OF_RANGE = { code: 'INSTANT_OUT_OF_RANGE', message: 'the punch time is outside 1970-01-01..2199-12-31; the device or platform clock is wrong' };

/** Puts the refused items back in their places in the summary of the rest. */
function mergeRefused(all: CheckinInput[], rest: IngestSummary, refused: number[]): IngestSummary {
  const skip = new Set(refused);
  const items: IngestSummary['items'] = [];
  let k = 0;
  for (let i = 0; i < all.length; i++) {
    items.push(skip.has(i) ? { idempotencyKey: all[i].idempotencyKey, outcome: 'rejected', error: OUT_OF_RANGE } : rest.items[k++]);
  }
  return { ...rest, rejected: rest.rejected + refused.length, items };
}
