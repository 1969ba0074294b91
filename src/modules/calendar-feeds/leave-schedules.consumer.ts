/**
 * Approved leave in the employee's WeCom calendar, as an outbox consumer of `request.approved` and
 * `request.cancelled`, for the companies whose WeCom connector has `settings.leaveSchedules`.
 *
 * - The schedule says what the ICS feeds say about the same leave (leaveSummary): the leave type
 *   in its company's name, half days marked, whole days as an all-day schedule from the first
 *   date's midnight to the midnight after the last, hourly leave at its hours.
 * - Each send reads the request as it is now, so the latest state wins whatever order events
 *   came in: approved leave is added (schedule/add) or, when it changed, updated (schedule/update,
 *   which overwrites); leave no longer approved is deleted (schedule/del).
 * - Idempotent: the schedule_id is stored per connector and request with a hash of what was sent;
 *   an event repeated or redelivered sends nothing when nothing changed, and never adds twice.
 *   Before schedule/add a marker is stored (and written into the schedule's description); a retry
 *   that finds a marker without a schedule_id (a crash between WeCom's answer and the save) looks
 *   the marker up in the connector's own calendar (schedule/get_by_calendar) before adding again.
 * - WeCom caps schedules per app and day: the client counts schedule/add in the connector's stored
 *   budget and, once the day's cap is reached, the delivery waits for the next day (logged so).
 * - Calls go through the connector's client: the egress policy, its limiter and budget.
 * - Deliveries of one request run one at a time, in order (ordering key per request).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { isConnectorError, type CalendarChannel, type CalendarEntry } from '../../sources/platform/index.js';
import type { RequestPayload } from '../outbox/event-payloads.js';
import type { Delivery, DeliveryOutcome, EventType, OutboxConsumer, OutboxEvent, PlannedDelivery, RetryPolicy } from '../outbox/outbox.types.js';
import { leaveSummary } from './feed-events.js';
import type { LeaveSchedulesRepo } from './leave-schedules.repo.js';

export const LEAVE_SCHEDULES_CONSUMER = 'wecom-leave-schedules';
const TYPES: ReadonlySet<EventType> = new Set(['request.approved', 'request.cancelled']);

interface LeaveScheduleTarget {
  connectorId: number;
  requestId: number;
}

/** The schedule of an approved leave request; null when the request has no dates to show. */
export function leaveEntry(req: Row<'requests'>, leaveName: string, zone: string): CalendarEntry | null {
  const description = `Daka #${req.id}`;
  if (req.from_ms !== null && req.to_ms !== null && req.to_ms > req.from_ms) {
    return { summary: leaveSummary(leaveName, 'hours'), description, startAtMs: Number(req.from_ms), endAtMs: Number(req.to_ms) };
  }
  if (!req.from_date) return null;
  const last = req.to_date ?? req.from_date;
  return { summary: leaveSummary(leaveName, req.half), description, startAtMs: zonedDayStartMs(req.from_date, zone), endAtMs: zonedDayStartMs(addDays(last, 1), zone), allDay: true };
}

export class LeaveSchedulesConsumer implements OutboxConsumer {
  readonly name = LEAVE_SCHEDULES_CONSUMER;
  /** From a minute to an hour apart, for three days: a WeCom outage or a paused app is waited out. */
  readonly retry: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 3_600_000, maxAgeMs: 3 * 86_400_000, maxAttempts: 100 };
  readonly concurrency = 4;

  constructor(
    private readonly repo: LeaveSchedulesRepo,
    /** The connector's calendar channel (its client: egress policy, limiter); null when it has none. */
    private readonly calendarOf: (connectorId: number) => Promise<CalendarChannel | null>,
    private readonly now: () => number,
  ) {}

  /**
   * Request decisions are few (not a hot path), so they are always written and the connectors are
   * read fresh in `plan`, inside the dispatch: a connector switched on a moment ago is never missed.
   */
  wants(_companyId: number, type: EventType): boolean {
    return TYPES.has(type);
  }

  async plan(events: OutboxEvent[], trx: Transaction<DB> | Kysely<DB>): Promise<PlannedDelivery[]> {
    const leave = events.filter((e) => (e.payload as unknown as RequestPayload).kind === 'leave');
    const connectors = (await this.repo.wecomConnectors(trx, [...new Set(leave.map((e) => e.companyId))])).filter((c) => (JSON.parse(c.settings) as { leaveSchedules?: boolean }).leaveSchedules === true);
    const out: PlannedDelivery[] = [];
    for (const e of leave) {
      const requestId = (e.payload as unknown as RequestPayload).requestId;
      for (const c of connectors) {
        if (c.company_id !== e.companyId) continue;
        const target: LeaveScheduleTarget = { connectorId: c.id, requestId };
        out.push({ companyId: e.companyId, eventId: e.eventId, dedupeKey: `wl:${c.id}:${e.eventId}`, orderingKey: `wl:${c.id}:${requestId}`, target: target as unknown as Record<string, unknown> });
      }
    }
    return out;
  }

  private calendars = new Map<number, Promise<string>>();

  /**
   * The connector's own calendar for leave, made on first use (one at a time per connector; a
   * second made at once elsewhere stays empty): its schedules can be listed again by marker.
   */
  private leaveCalendar(connectorId: number, calendar: CalendarChannel): Promise<string> {
    let pending = this.calendars.get(connectorId);
    if (!pending) {
      pending = (async () => {
        const stored = await this.repo.leaveCalendar(connectorId);
        if (stored) return stored;
        const made = await calendar.createCalendar('请假', 'Daka：已批准的请假');
        return this.repo.keepLeaveCalendar(connectorId, made, this.now());
      })();
      this.calendars.set(connectorId, pending);
      pending.catch(() => this.calendars.delete(connectorId));
    }
    return pending;
  }

  async send(d: Delivery): Promise<DeliveryOutcome> {
    const { connectorId, requestId } = d.target as unknown as LeaveScheduleTarget;
    const connector = await this.repo.connector(connectorId);
    if (!connector || connector.deleted_at_ms !== null) return { kind: 'rejected', error: 'the connector was deleted' };
    if ((JSON.parse(connector.settings) as { leaveSchedules?: boolean }).leaveSchedules !== true) return { kind: 'rejected', error: 'leave schedules were switched off' };
    const [req, mapping] = await Promise.all([this.repo.request(requestId), this.repo.mapping(connectorId, requestId)]);
    let calendar: CalendarChannel | null;
    try {
      calendar = await this.calendarOf(connectorId);
    } catch (e) {
      return failure(e);
    }
    if (!calendar) return { kind: 'rejected', error: 'the connector has no calendar channel' };
    const row = (scheduleId: string | null, hash: string | null, status: 'active' | 'deleted', employeeId: number, addMarker: string | null = null) => ({ connector_id: connectorId, request_id: requestId, company_id: connector.company_id, employee_id: employeeId, schedule_id: scheduleId, content_hash: hash, status, updated_at_ms: this.now(), add_marker: addMarker });
    const active = mapping?.status === 'active' && mapping.schedule_id ? mapping.schedule_id : null;
    // An add whose answer was never stored (a crash, a lost answer) may have made a schedule.
    const unsure = mapping?.add_marker ?? null;

    const zone = (await this.repo.companyZone(connector.company_id)) ?? 'Asia/Shanghai';
    const entry = req && req.kind === 'leave' && req.status === 'approved' ? leaveEntry(req, (await this.repo.leaveTypeName(req.company_id, req.leave_type ?? '')) ?? req.leave_type ?? '', zone) : null;
    if (!req || !entry) {
      let gone = active;
      if (!gone && unsure) {
        try {
          gone = await calendar.findByMarker(await this.leaveCalendar(connectorId, calendar), unsure);
        } catch (e) {
          return failure(e);
        }
        if (!gone) await this.repo.save(row(null, null, 'deleted', mapping!.employee_id));
      }
      if (!gone) return { kind: 'delivered', remoteId: null };
      const removing = gone;
      try {
        await calendar.remove(removing);
      } catch (e) {
        // Already cancelled in WeCom (by the person, or a delete whose answer was lost): gone either way.
        if (!(isConnectorError(e) && e.code === 'CONNECTOR_REQUEST_REJECTED')) return failure(e);
      }
      await this.repo.save(row(removing, null, 'deleted', mapping!.employee_id));
      return { kind: 'delivered', remoteId: removing };
    }
    const userId = await this.repo.externalUserId(connector, req.employee_id);
    if (!userId) return { kind: 'rejected', error: `employee ${req.employee_id} has no WeCom identity on this connector` };
    const hash = createHash('sha256').update(JSON.stringify([entry, userId])).digest('hex');
    try {
      if (active && mapping!.content_hash === hash) return { kind: 'delivered', remoteId: active };
      if (active) {
        try {
          await calendar.update(active, entry, [userId]);
          await this.repo.save(row(active, hash, 'active', req.employee_id));
          return { kind: 'delivered', remoteId: active };
        } catch (e) {
          // A schedule cancelled in WeCom cannot be updated: a new one shows the leave again.
          if (!(isConnectorError(e) && e.code === 'CONNECTOR_REQUEST_REJECTED')) throw e;
        }
      }
      const calendarId = await this.leaveCalendar(connectorId, calendar);
      if (unsure) {
        const found = await calendar.findByMarker(calendarId, unsure);
        if (found) {
          // The earlier add did happen: bring that schedule up to date instead of adding a second.
          await calendar.update(found, markedEntry(entry, unsure), [userId]);
          await this.repo.save(row(found, hash, 'active', req.employee_id));
          return { kind: 'delivered', remoteId: found };
        }
      }
      // The intent first: a retry after a crash between the answer and the save finds this marker.
      const marker = unsure ?? `daka-${connectorId}-${requestId}-${randomUUID().slice(0, 8)}`;
      if (!unsure) await this.repo.save(row(mapping?.schedule_id ?? null, mapping?.content_hash ?? null, mapping?.status ?? 'active', req.employee_id, marker));
      const { entryId } = await calendar.add({ ...markedEntry(entry, marker), calendarId }, [userId]);
      await this.repo.save(row(entryId, hash, 'active', req.employee_id));
      return { kind: 'delivered', remoteId: entryId };
    } catch (e) {
      return failure(e);
    }
  }
}

/** The schedule as added: its description carries the marker the add can be found again by. */
function markedEntry(entry: CalendarEntry, marker: string): CalendarEntry {
  return { ...entry, description: `${entry.description ?? ''} · ${marker}` };
}

/**
 * A platform refusal is final (nothing changes by asking again); the app's day of schedules used
 * up waits for the next day (the log says so); anything else is retried.
 */
function failure(e: unknown): DeliveryOutcome {
  const message = e instanceof Error ? e.message : String(e);
  if (isConnectorError(e, 'CONNECTOR_QUOTA_EXHAUSTED') && typeof e.info.retryAfterMs === 'number') return { kind: 'failed', error: message, retryAfterMs: e.info.retryAfterMs };
  if (isConnectorError(e) && (e.code === 'CONNECTOR_REQUEST_REJECTED' || e.code === 'CONNECTOR_BAD_CONFIG')) return { kind: 'rejected', error: message };
  return { kind: 'failed', error: message };
}
