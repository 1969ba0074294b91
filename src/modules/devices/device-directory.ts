/**
 * The device page's lists: the users a terminal reported, and its operation log. Admin and HR of
 * the device's company (pending devices: admins), like every device route. A user shows which
 * template kinds the terminal holds (never a template), its card masked, the employee its PIN
 * matches, and where the hub's joiner/leaver push and template copies to it stand.
 */
import { Type, type Static } from 'typebox';
import { PageQuery, paged, pageOf } from '../../http/paging.js';
import { validationError } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import { parseJson } from './device-context.js';
import { DeviceDirectoryRepo } from './device-directory.repo.js';
import type { DevicesService } from './devices.service.js';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('acked'), Type.Literal('failed')]);

export const DeviceUsersQuery = Type.Object(
  { ...PageQuery, q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Part of a PIN or name' })) },
  { additionalProperties: false },
);
export type DeviceUsersQueryT = Static<typeof DeviceUsersQuery>;

export const DeviceUser = Type.Object({
  pin: Type.String(),
  name: Nullable(Type.String()),
  /** 0 user, 2 enroller, 6 admin, 14 super admin (device values). */
  privilege: Nullable(Type.Integer()),
  /** Only the last four characters of the card number. */
  cardMasked: Nullable(Type.String()),
  hasPassword: Type.Boolean(),
  /** Template kinds the terminal holds for this user, with how many of each. */
  templates: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer() })),
  employee: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  /** The hub's last joiner/leaver push of this PIN to the terminal. */
  push: Type.Union([Type.Object({ action: Type.Union([Type.Literal('update'), Type.Literal('delete')]), status: Status, attempts: Type.Integer(), returnCode: Nullable(Type.Integer()), updatedAtMs: Type.Number() }), Type.Null()]),
  /** Templates copied to this terminal from the site's other terminals, by outcome. */
  copies: Type.Object({ pending: Type.Integer(), acked: Type.Integer(), failed: Type.Integer() }),
  updatedAtMs: Type.Number(),
});

const WallDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Device wall date YYYY-MM-DD' });
export const DeviceOplogQuery = Type.Object(
  { ...PageQuery, opType: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })), from: Type.Optional(WallDate), to: Type.Optional(WallDate) },
  { additionalProperties: false },
);
export type DeviceOplogQueryT = Static<typeof DeviceOplogQuery>;

export const DeviceOplogEntry = Type.Object({
  id: Type.Integer(),
  /** OpType (devices.md §2.6): 0 power on, 3 alarm, 6 fingerprint enrolled, 21 time set, 23 records deleted, 30 new user… */
  opType: Nullable(Type.Integer()),
  operator: Nullable(Type.String()),
  /** Device wall time of the operation. */
  time: Nullable(Type.String()),
  who: Nullable(Type.String()),
  values: Type.Array(Type.String()),
  receivedAtMs: Type.Number(),
});

const repo = new DeviceDirectoryRepo();

/** `[15CD5B07]` → `••••5B07`: enough to tell cards apart, not enough to clone one. */
export function maskCard(card: string | null): string | null {
  if (card === null) return null;
  const bare = card.replace(/[\[\]\s]/g, '');
  return bare.length <= 4 ? '••••' : `••••${bare.slice(-4)}`;
}

export async function listDeviceUsers(devices: DevicesService, actor: Actor, deviceId: number, query: DeviceUsersQueryT) {
  const device = await devices.visible(actor, deviceId, 'read');
  const p = pageOf(query);
  const { rows, total } = await repo.users(devices.db, deviceId, query.q, p.limit, p.offset);
  const pins = rows.map((r) => r.pin);
  const [kinds, employees, pushes, copies] = await Promise.all([
    repo.templateKinds(devices.db, deviceId, pins),
    device.company_id === null ? Promise.resolve(new Map<string, { id: number; name: string }>()) : repo.employeesByPin(devices.db, device.company_id, pins),
    repo.pushes(devices.db, deviceId, pins),
    devices.gateway.copiesRepo.copyStates(devices.db, deviceId, pins),
  ]);
  const pushOf = new Map(pushes.map((x) => [x.pin, x]));
  const items = rows.map((r) => {
    const push = pushOf.get(r.pin);
    const c = { pending: 0, acked: 0, failed: 0 };
    for (const x of copies) if (x.pin === r.pin) c[x.status]++;
    return {
      pin: r.pin,
      name: r.name,
      privilege: r.privilege,
      cardMasked: maskCard(r.card),
      hasPassword: r.has_password === 1,
      templates: kinds.filter((k) => k.pin === r.pin).map((k) => ({ kind: k.kind, count: Number(k.n) })),
      employee: employees.get(r.pin) ?? null,
      push: push ? { action: push.action, status: push.status, attempts: push.attempts, returnCode: push.return_code, updatedAtMs: push.updated_at_ms } : null,
      copies: c,
      updatedAtMs: r.updated_at_ms,
    };
  });
  return paged(items, total, p);
}

export async function listDeviceOplog(devices: DevicesService, actor: Actor, deviceId: number, query: DeviceOplogQueryT) {
  await devices.visible(actor, deviceId, 'read');
  if (query.from && query.to && query.to < query.from) throw validationError([{ path: 'querystring.to', message: 'must not be before from' }], 'DATE_ORDER');
  const p = pageOf(query);
  const { rows, total } = await repo.oplog(
    devices.db,
    deviceId,
    { opType: query.opType, fromWall: query.from ? `${query.from} 00:00:00` : undefined, toWall: query.to ? `${query.to} 23:59:59` : undefined },
    p.limit,
    p.offset,
  );
  const items = rows.map((r) => ({
    id: r.id,
    opType: r.op_type,
    operator: r.operator,
    time: r.op_time,
    who: r.who,
    values: parseJson<unknown[]>(r.op_values, []).map((v) => String(v)),
    receivedAtMs: r.received_at_ms,
  }));
  return paged(items, total, p);
}
