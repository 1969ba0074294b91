/**
 * Stores what a ZKTeco terminal uploads about its users: the user list, its operation log, and its
 * biometric templates. Templates are personal data: sealed at rest (SecretBox, like connector
 * credentials), never returned by the API, stored only for approved devices (an unapproved serial
 * may be anyone), and every write of them is audited with who and how many, never the template.
 * The wire layer acknowledges the upload (and the stamp advances) only after this commits.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { DeviceContext, OperLogRecord } from '../../sources/device-gateway.js';
import { mapDeviceData } from '../../sources/zkteco-push/mapper-users.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { DeviceLimitError, type DeviceLimits } from './device-limits.js';
import type { DeviceUsersRepo } from './device-users.repo.js';

const ACTOR = systemActor('device-gateway');

export interface DeviceDataDeps {
  db: Kysely<DB>;
  repo: DeviceUsersRepo;
  secrets: SecretBox;
  audit: AuditRepo;
  limits: DeviceLimits;
  now: () => number;
  storePhoto(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }): Promise<void>;
  limitHit(deviceId: number, kind: 'upload_records' | 'device_users'): Promise<void>;
}

export interface DeviceDataSummary {
  users: number;
  templates: number;
  oplog: number;
  pictures: number;
  ignored: number;
}

export class DeviceDataStore {
  constructor(private readonly deps: DeviceDataDeps) {}

  async store(device: DeviceContext, records: OperLogRecord[]): Promise<DeviceDataSummary> {
    const { db, repo, limits } = this.deps;
    const deviceId = Number(device.deviceId);
    if (records.length > limits.maxRecordsPerUpload) {
      await this.deps.limitHit(deviceId, 'upload_records');
      throw new DeviceLimitError('upload_records', `One upload of device ${device.sn} may carry at most ${limits.maxRecordsPerUpload} records`);
    }
    const batch = mapDeviceData(records);
    const approved = device.status === 'active' && device.companyId !== '';
    const templates = approved ? batch.templates : [];
    const ignored = batch.ignored + (batch.templates.length - templates.length);
    if (batch.users.length + templates.length > 0) {
      const [users, stored] = await Promise.all([repo.count(db, 'device_users', deviceId), repo.count(db, 'device_templates', deviceId)]);
      if (users + batch.users.length > limits.maxUsersPerDevice || stored + templates.length > limits.maxTemplatesPerDevice) {
        await this.deps.limitHit(deviceId, 'device_users');
        throw new DeviceLimitError('device_users', `Device ${device.sn} has reached its limit of stored users or templates`);
      }
    }
    const now = this.deps.now();
    const oplogNew = await db.transaction().execute(async (trx) => {
      await repo.upsertUsers(
        trx,
        dedupe(batch.users, (u) => u.pin).map((u) => ({
          device_id: deviceId,
          pin: u.pin,
          name: u.name,
          privilege: u.privilege,
          card: u.card,
          user_group: u.group,
          has_password: u.hasPassword ? 1 : 0,
          updated_at_ms: now,
        })),
      );
      const sealed = dedupe(templates, (t) => `${t.pin}\u0000${t.kind}\u0000${t.slot}`).map((t) => ({
        device_id: deviceId,
        pin: t.pin,
        kind: t.kind,
        slot: t.slot,
        valid: t.valid,
        size: t.size,
        format: t.format,
        template_sealed: this.deps.secrets.seal(t.template),
        content_digest: this.deps.secrets.digest(t.template),
        received_at_ms: now,
      }));
      await repo.upsertTemplates(trx, sealed);
      if (sealed.length > 0) {
        const pins = [...new Set(sealed.map((t) => t.pin))];
        await this.deps.audit.record(trx, ACTOR, {
          action: 'device.templates_stored',
          entity: 'device',
          entityId: deviceId,
          companyId: Number(device.companyId),
          after: { serialNumber: device.sn, templates: sealed.length, kinds: countBy(sealed.map((t) => t.kind)), pins: pins.slice(0, 100), pinCount: pins.length },
        });
      }
      return repo.insertOplog(
        trx,
        dedupe(batch.oplog, (o) => o.key).map((o) => ({
          device_id: deviceId,
          record_key: o.key,
          op_type: o.opType,
          operator: o.operator,
          op_time: o.time,
          who: o.who,
          op_values: JSON.stringify(o.values),
          received_at_ms: now,
        })),
      );
    });
    for (const p of batch.pictures) await this.deps.storePhoto(device, { name: p.name, bytes: p.bytes, punchKey: `userpic:${device.sn}:${p.pin}` });
    return { users: batch.users.length, templates: templates.length, oplog: oplogNew, pictures: batch.pictures.length, ignored };
  }
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const t of items) m.set(key(t), t);
  return [...m.values()];
}

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}
