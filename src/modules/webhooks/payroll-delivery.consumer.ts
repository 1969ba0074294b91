/**
 * Payroll delivery: when a month is closed (`month.closed`), the company's payroll export (CSV in
 * the company's column mapping, the same file `GET /reports/payroll` gives) goes to each of its
 * payroll endpoints, with the same retries, log, redelivery and disabling as webhooks. The target
 * is either HTTPS (POSTed, signed like webhooks: the `webhook-id` is the event id, so a re-sent
 * file is recognisable) or a drop folder (payroll-drop-folder.ts); `deliverFile` picks it, for
 * every kind of payroll file. The file is rendered when sent, so a redelivery carries the figures
 * as they are then.
 */
import { Writable } from 'node:stream';
import { systemActor } from '../auth/actor.js';
import type { Delivery, DeliveryOutcome } from '../outbox/outbox.types.js';
import type { ReportsService } from '../reports/reports.service.js';
import { PayrollDropFolder, type PayrollFile } from './payroll-drop-folder.js';
import { WebhooksConsumer, type WebhookTarget } from './webhooks.consumer.js';

export const PAYROLL_CONSUMER = 'payroll';
/** Bounds the file held in memory for one delivery. */
const MAX_PAYROLL_BYTES = 20 * 1024 * 1024;

export class PayrollDeliveryConsumer extends WebhooksConsumer {
  override readonly name: string = PAYROLL_CONSUMER;
  protected override readonly purpose = 'payroll' as const;
  reports: ReportsService | null = null;
  /** Where drop-folder endpoints write; its root is the operator's DAKA_PAYROLL_DROP_DIR. */
  dropFolder = new PayrollDropFolder(null);

  override async send(d: Delivery): Promise<DeliveryOutcome> {
    const t = d.target as unknown as WebhookTarget;
    const event = JSON.parse(t.body) as { companyId: number; data: { month: string } };
    if (!this.reports) return { kind: 'failed', error: 'the reports module is not ready' };
    let csv: string;
    try {
      csv = await this.render(event.companyId, event.data.month);
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

  private async render(companyId: number, month: string): Promise<string> {
    const exp = await this.reports!.export(systemActor('payroll-delivery'), 'payroll', { companyId, month, format: 'csv' });
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
