/**
 * Private calendar feeds (日历同步): an employee's shifts, leave and holidays, or a manager's team,
 * as an ICS URL with a secret token. The token is shown once (only its SHA-256 is stored) and can
 * be revoked; creating and revoking are audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, localDate } from '../../shared/dates.js';
import { AppError, forbidden, notFound } from '../../shared/errors.js';
import type { RecomputeService } from '../attendance/recompute.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { CalendarFeedsRepo } from './calendar-feeds.repo.js';
import { feedEvents, type FeedEvent } from './feed-events.js';
import { renderCalendar } from './ics.js';

/** The feed covers the last 4 and the next 8 weeks. */
const PAST_DAYS = 28;
const AHEAD_DAYS = 56;
/** A team feed shows at most this many people (a department head, not the whole company). */
const TEAM_LIMIT = 300;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class CalendarFeedsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: CalendarFeedsRepo,
    private readonly recompute: RecomputeService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number,
    private readonly publicUrl: string | null,
  ) {}

  private dto(r: { id: number; company_id: number; employee_id: number; scope: 'self' | 'team'; created_at_ms: number }) {
    return { id: r.id, companyId: r.company_id, employeeId: r.employee_id, scope: r.scope, createdAt: new Date(Number(r.created_at_ms)).toISOString() };
  }

  /** A new feed: employees for themselves, managers also for their team, HR and admin for anyone of their companies. */
  async create(actor: Actor, input: { employeeId?: number; scope?: 'self' | 'team' }) {
    this.access.assertScope(actor, 'write');
    const scope = input.scope ?? 'self';
    const employeeId = input.employeeId ?? actor.employeeId;
    if (employeeId === null || employeeId === undefined) throw new AppError('EMPLOYEE_REQUIRED', 'Name the employee (employeeId): this user is not an employee', 400, { field: 'body.employeeId' });
    const emp = await this.db.selectFrom('employees').select(['id', 'company_id', 'department_id']).where('id', '=', employeeId).executeTakeFirst();
    if (!emp) throw notFound('employee', employeeId);
    await this.access.assertEmployee(actor, emp);
    const own = actor.employeeId === emp.id;
    if (!own && actor.role !== 'admin' && actor.role !== 'hr') throw forbidden('Only HR makes feeds for other people');
    if (scope === 'team' && actor.role === 'employee') throw forbidden('A team feed is for managers');
    const token = randomBytes(32).toString('base64url');
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insert({ company_id: emp.company_id, employee_id: emp.id, scope, token_hash: sha256(token), created_by_user_id: actor.userId, created_at_ms: this.now(), revoked_at_ms: null }, trx);
      await this.audit.record(trx, actor, { action: 'calendar_feed.create', entity: 'calendar_feed', entityId: row.id, companyId: row.company_id, after: this.dto(row) });
      return row;
    });
    const path = `/feeds/calendar/${token}.ics`;
    return { ...this.dto(row), url: this.publicUrl ? new URL(path, this.publicUrl).toString() : path };
  }

  async list(actor: Actor) {
    this.access.assertScope(actor, 'read');
    const everyone = actor.role === 'admin' || actor.role === 'hr';
    const rows = await this.repo.list(this.access.companyFilter(actor), everyone ? null : (actor.employeeId ?? -1));
    return { items: rows.map((r) => this.dto(r)) };
  }

  async revoke(actor: Actor, id: number) {
    this.access.assertScope(actor, 'write');
    const row = await this.repo.get(id);
    const mayManage = row && this.access.canSeeCompany(actor, row.company_id) && (actor.role === 'admin' || actor.role === 'hr' || row.employee_id === actor.employeeId);
    if (!row || row.revoked_at_ms !== null || !mayManage) throw notFound('calendar feed', id);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.revoke(trx, id, this.now());
      await this.audit.record(trx, actor, { action: 'calendar_feed.revoke', entity: 'calendar_feed', entityId: id, companyId: row.company_id, before: this.dto(row) });
    });
  }

  /** The ICS text of a feed, or null for an unknown or revoked token. */
  async render(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.repo.byTokenHash(sha256(token));
    if (!feed) return null;
    const company = await this.db.selectFrom('companies').select(['time_zone', 'name']).where('id', '=', feed.company_id).executeTakeFirstOrThrow();
    const today = localDate(this.now(), company.time_zone);
    const from = addDays(today, -PAST_DAYS);
    const to = addDays(today, AHEAD_DAYS);
    let ids = [feed.employee_id];
    if (feed.scope === 'team') {
      const departments = await this.access.managedSubtree(feed.company_id, feed.employee_id);
      ids = [...new Set([feed.employee_id, ...(await this.repo.teamEmployeeIds(feed.company_id, departments, TEAM_LIMIT))])];
    }
    const people = await this.repo.employees(feed.company_id, ids);
    const owner = people.find((p) => p.id === feed.employee_id);
    const builder = await this.recompute.openBuilder(feed.company_id, from, to);
    const events = new Map<string, FeedEvent>();
    if (builder && owner) {
      const leaveNames = new Map((await this.repo.leaveTypeNames(feed.company_id)).map((l) => [l.code, l.name]));
      const inputs = await builder.build(people);
      for (const input of inputs) {
        const person = people.find((p) => p.id === input.employeeId)!;
        for (const e of feedEvents(input, person, feed.company_id, leaveNames, feed.scope === 'team')) events.set(e.uid, e);
      }
    }
    const list = [...events.values()];
    const sequences = await this.repo.sequences(feed.id, list.map((e) => ({ uid: e.uid, hash: sha256(JSON.stringify(e)) })));
    const name = feed.scope === 'team' ? `${owner?.name ?? ''} 团队排班` : `${owner?.name ?? ''} 排班与请假`;
    return renderCalendar({ name, zone: company.time_zone, stampMs: this.now(), events: list.map((e) => ({ ...e, sequence: sequences.get(e.uid) ?? 0 })) });
  }
}
