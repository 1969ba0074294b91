/**
 * Scheduled notifications: clock-in/out reminders for a date and reminders to approvers of
 * requests left waiting. Each is planned as an outbox delivery with its send time as `notBeforeMs`
 * and a dedupe key naming person and date (`remind:in:<employee>:<date>`), so planning again —
 * every hour, on every instance — adds nothing that is already planned.
 */
import type { PlannedDelivery } from '../outbox/outbox.types.js';
import { InputBuilder } from '../attendance/input-builder.js';
import type { InputsRepo } from '../attendance/inputs.repo.js';
import { linkTo, renderNotice, type Notice } from './messages.js';
import type { NotificationsRepo } from './notifications.repo.js';
import type { SendTarget } from './notifications.consumer.js';
import { loadRecipients } from './recipients.js';
import { approverEmployeeIds } from '../requests/approvers.js';
import { afterQuietHours } from './channel-choice.js';
import type { TemplateSet } from './templates.js';
import { remindersFor } from './reminder-times.js';
import { reminderMinutes, type NotificationSettings } from './settings.js';

const CHUNK = 500;

export interface ReminderPreview {
  employeeId: number;
  direction: 'in' | 'out';
  atMs: number;
  channel: string | null;
}

export class ReminderPlanner {
  constructor(
    private readonly inputs: InputsRepo,
    private readonly repo: NotificationsRepo,
    private readonly publicUrl: string | null,
    private readonly now: () => number,
    private readonly templatesOf: (companyId: number) => Promise<TemplateSet>,
  ) {}

  /** Clock-in/out reminders of one date still ahead of now, as deliveries (nothing sent). */
  async clockReminders(s: NotificationSettings, date: string): Promise<{ planned: PlannedDelivery[]; preview: ReminderPreview[] }> {
    const planned: PlannedDelivery[] = [];
    const preview: ReminderPreview[] = [];
    const wantIn = s.kinds.has('remind_in');
    const wantOut = s.kinds.has('remind_out');
    if (!s.enabled || (!wantIn && !wantOut)) return { planned, preview };
    const builder = await InputBuilder.open(this.inputs, s.companyId, date, date);
    if (!builder) return { planned, preview };
    const now = this.now();
    const connectors = await this.repo.connectors(s.companyId);
    const webhookOn = await this.repo.notificationEndpointOn(s);
    const templates = await this.templatesOf(s.companyId);
    const employees = await builder.employees('all');
    for (let i = 0; i < employees.length; i += CHUNK) {
      const inputs = await builder.build(employees.slice(i, i + CHUNK));
      const due: { employeeId: number; r: ReturnType<typeof remindersFor>[number] }[] = [];
      for (const e of inputs) {
        for (const seg of e.segments) {
          const meta = seg.meta.get(date);
          if (!meta || meta.shiftTypeId === null) continue;
          const minutes = reminderMinutes(s, meta.groupId);
          if (!minutes.enabled) continue;
          const day = { date, zone: seg.input.timezone, dayType: meta.dayType, shift: seg.input.shifts[String(meta.shiftTypeId)] ?? null, leaveType: meta.leaveType, leaveHalf: meta.leaveHalf };
          for (const r of remindersFor(day, minutes)) {
            if (r.atMs > now && (r.direction === 'in' ? wantIn : wantOut)) due.push({ employeeId: e.employeeId, r });
          }
        }
      }
      if (!due.length) continue;
      const people = await loadRecipients(this.repo, s, [...new Set(due.map((d) => d.employeeId))], this.repo.db, { connectors, webhookOn });
      for (const { employeeId, r } of due) {
        const p = people.get(employeeId);
        const kind = r.direction === 'in' ? 'remind_in' : 'remind_out';
        if (!p || p.muted.has(kind)) continue;
        preview.push({ employeeId, direction: r.direction, atMs: r.atMs, channel: p.address?.channel ?? null });
        const notice: Notice = { kind, date, time: r.time, link: linkTo(this.publicUrl, '/me/clock') };
        const target: SendTarget = {
          op: 'send',
          kind,
          employeeId,
          address: p.address,
          message: renderNotice(notice, p.locale, '', templates),
          notice,
          skipIfPunched: r.skipIfPunched,
          expiresAtMs: r.expiresAtMs,
        };
        planned.push({ companyId: s.companyId, eventId: null, dedupeKey: `remind:${r.direction}:${employeeId}:${date}`, target: target as unknown as Record<string, unknown>, notBeforeMs: r.atMs });
      }
    }
    return { planned, preview };
  }

  /**
   * One reminder to each approver of a request waiting longer than the company's limit: the people
   * who may decide it now (direct manager, department managers up the tree), as the submitted
   * notice went to. Requests that came from DingTalk or WeCom are decided there, not here: none.
   * Held past quiet hours like every other message.
   */
  async waitingRequests(s: NotificationSettings): Promise<PlannedDelivery[]> {
    if (!s.enabled || !s.kinds.has('request_waiting')) return [];
    const now = this.now();
    const rows = await this.repo.pendingRequests(s.companyId, now - s.requestReminderHours * 3_600_000, 1_000);
    if (!rows.length) return [];
    const db = this.repo.db;
    const approvers = new Map<number, number[]>();
    for (const r of rows) approvers.set(Number(r.id), await approverEmployeeIds(db, s.companyId, Number(r.employee_id)));
    const people = await loadRecipients(this.repo, s, [...new Set([...approvers.values()].flat())], db);
    const templates = await this.templatesOf(s.companyId);
    const zone = (await this.repo.companyZone(s.companyId)) ?? 'UTC';
    const notBeforeMs = afterQuietHours(now, zone, s.quiet);
    const out: PlannedDelivery[] = [];
    for (const r of rows) {
      const hours = Math.floor((now - Number(r.created_at_ms)) / 3_600_000);
      const notice = { kind: 'request_waiting' as const, requestId: Number(r.id), requestKind: r.kind, employeeName: r.name, hours, link: linkTo(this.publicUrl, `/requests/approvals?request=${r.id}`) };
      for (const id of approvers.get(Number(r.id)) ?? []) {
        const m = people.get(id);
        if (!m || m.muted.has('request_waiting')) continue;
        const target: SendTarget = { op: 'send', kind: 'request_waiting', employeeId: m.employeeId, address: m.address, message: renderNotice(notice, m.locale, `#${r.id}`, templates), notice };
        out.push({ companyId: s.companyId, eventId: null, dedupeKey: `request:${r.id}:waiting:to:${m.employeeId}`, target: target as unknown as Record<string, unknown>, notBeforeMs });
      }
    }
    return out;
  }
}
