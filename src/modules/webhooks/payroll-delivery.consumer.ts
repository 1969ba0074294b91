/**
 * Payroll delivery: when a month is closed (`month.closed`), the company's payroll export (CSV in
 * the company's column mapping, the same file `GET /reports/payroll` gives) goes to each of its
 * payroll endpoints, with the same retries, log, redelivery and disabling as webhooks. The target
 * is either HTTPS (POSTed, signed like webhooks: the `webhook-id` is the event id, so a re-sent
 * file is recognisable) or a drop folder (payroll-drop-folder.ts); `deliverFile` picks it, for
 * every kind of payroll file. The file is rendered when sent, so a redelivery carries the figures
 * as they are then.
 *
 * A late change to a closed month (`payroll.adjustment_recorded`) reaches the same endpoints as an
 * adjustment, not as a new file for the closed month: a CSV with the adjustment columns of the
 * export's 调整明细 section and its one row (`x-daka-event: payroll.adjustment_recorded`,
 * `x-daka-month`: the month it is carried into), rendered from the event as it was recorded.
 */
import { Writable } from 'node:stream';
import { systemActor } from '../auth/actor.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PayrollAdjustmentPayload } from '../outbox/event-payloads.js';
import type { Delivery, DeliveryOutcome, EventType, OutboxEvent, PlannedDelivery } from '../outbox/outbox.types.js';
import { adjustmentCsv } from '../payroll-adjustments/adjustments-sheet.js';
import type { ReportsService } from '../reports/reports.service.js';
import { PayrollDropFolder, type PayrollFile } from './payroll-drop-folder.js';
import { webhookBody, WebhooksConsumer, type WebhookTarget } from './webhooks.consumer.js';

const ADJUSTMENT = 'payroll.adjustment_recorded';

export const PAYROLL_CONSUMER = 'payroll';
/** Bounds the file held in memory for one delivery. */
const MAX_PAYROLL_BYTES = 20 * 1024 * 1024;

export class PayrollDeliveryConsumer extends WebhooksConsumer {
  override readonly name: string = PAYROLL_CONSUMER;
  protected override readonly purpose = 'payroll' as const;
  /** Few, large files: each is recorded as soon as it is sent, so a crash re-sends only the one in flight. */
  override readonly settle: 'each' | 'batch' = 'each';
  reports: ReportsService | null = null;
  /** Where drop-folder endpoints write; its root is the operator's DAKA_PAYROLL_DROP_DIR. */
  dropFolder = new PayrollDropFolder(null);

  /** A payroll endpoint (subscribed to month.closed) also takes the adjustments to closed months. */
  override wants(companyId: number, type: EventType): boolean {
    return super.wants(companyId, type === ADJUSTMENT ? 'month.closed' : type);
  }

  override async plan(events: OutboxEvent[], trx: Kysely<DB>): Promise<PlannedDelivery[]> {
    const adjustments = events.filter((e) => e.type === ADJUSTMENT);
    const out = await super.plan(events.filter((e) => e.type !== ADJUSTMENT), trx);
    if (!adjustments.length) return out;
    const endpoints = await this.repo.enabledForCompanies(trx, [...new Set(adjustments.map((e) => e.companyId))], this.purpose);
    for (const e of adjustments) {
      for (const ep of endpoints) {
        if (ep.company_id !== e.companyId || !(JSON.parse(ep.event_types) as string[]).includes('month.closed')) continue;
        const target: WebhookTarget = { endpointId: ep.id, type: e.type, body: webhookBody(e) };
        out.push({ companyId: e.companyId, eventId: e.eventId, dedupeKey: `wh:${ep.id}:${e.eventId}`, orderingKey: e.subject ? `wh:${ep.id}:${e.subject}` : null, target: target as unknown as Record<string, unknown> });
      }
    }
    return out;
  }

  override async send(d: Delivery): Promise<DeliveryOutcome> {
    const t = d.target as unknown as WebhookTarget;
    if (t.type === ADJUSTMENT) {
      const data = (JSON.parse(t.body) as { data: PayrollAdjustmentPayload }).data;
      const file = { companyId: d.companyId, month: data.carriedIntoMonth, kind: 'adjustment' as const, adjustmentKey: String(data.adjustmentId), body: adjustmentCsv(data) };
      return this.deliverFile(d, t.endpointId, file, { 'x-daka-month': data.carriedIntoMonth, 'x-daka-event': ADJUSTMENT, 'x-daka-adjustment-id': String(data.adjustmentId) });
    }
    const event = JSON.parse(t.body) as { companyId: number; data: { month: string; closeId: number; departmentId?: number | null } };
    if (!this.reports) return { kind: 'failed', error: 'the reports module is not ready' };
    // The file carries exactly the employees this close holds; a reopened close holds nobody now
    // (its months go out with whichever close takes them next).
    const closeStatus = await this.repo.monthCloseStatus(event.companyId, event.data.closeId);
    if (closeStatus !== 'closed') return { kind: 'rejected', error: `month close ${event.data.closeId} ${closeStatus === null ? 'does not exist' : 'was reopened'}: its months are delivered by the close that holds them now` };
    let csv: string;
    try {
      csv = await this.render(event.companyId, event.data.month, event.data.departmentId ?? null, event.data.closeId);
    } catch (e) {
      return { kind: 'rejected', error: `the payroll export could not be made: ${e instanceof Error ? e.message : String(e)}` };
    }
    return this.deliverFile(d, t.endpointId, { companyId: event.companyId, month: event.data.month, kind: 'month', body: csv }, { 'x-daka-month': event.data.month, 'x-daka-event': 'month.closed' });
  }

  /** Sends one payroll file to the endpoint's target: its drop folder, or POSTed over HTTPS. */
  protected async deliverFile(d: Delivery, endpointId: number, file: Omit<PayrollFile, 'companyCode'>, headers: Record<string, string>): Promise<DeliveryOutcome> {
    const ep = await this.endpoint(endpointId);
    if (!ep) return { kind: 'rejected', error: 'the endpoint was removed' };
    if (!ep.row.enabled) return { kind: 'rejected', error: 'the endpoint is disabled' };
    if (ep.row.drop_folder) {
      const companyCode = (await this.repo.companyCode(file.companyId)) ?? '';
      return this.dropFolder.write(ep.row.drop_folder, { ...file, companyCode });
    }
    return this.post(d, endpointId, typeof file.body === 'string' ? file.body : file.body.toString('utf8'), 'text/csv; charset=utf-8', headers);
  }

  /**
   * A close sends the employee-months it holds: a department's close its department's people not
   * closed before, a later company close everyone else (never the department's people again).
   */
  private async render(companyId: number, month: string, departmentId: number | null, closeId: number): Promise<string> {
    const exp = await this.reports!.export(systemActor('payroll-delivery'), 'payroll', { companyId, month, format: 'csv', ...(departmentId !== null ? { departmentId } : {}) }, { closeId });
    const chunks: Buffer[] = [];
    let size = 0;
    await exp.write(
      new Writable({
        write(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > MAX_PAYROLL_BYTES) return done(new Error(`the file passes ${MAX_PAYROLL_BYTES} bytes`));
          chunks.push(Buffer.from(chunk));
          done();
        },
      }),
    );
    return Buffer.concat(chunks).toString('utf8');
  }
}
