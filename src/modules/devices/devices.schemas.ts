import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { PageQuery } from '../../http/paging.js';
import { DEVICE_VENDORS } from '../../shared/enums.js';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Number>>(t: T) =>
  Type.Union([t, Type.Null()]);

export const Vendor = literalUnion(DEVICE_VENDORS);
export const DeviceStatusT = Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('disabled')]);
const Direction = Type.Union([
  Type.Literal('in'),
  Type.Literal('out'),
  Type.Literal('break_out'),
  Type.Literal('break_in'),
  Type.Literal('ot_in'),
  Type.Literal('ot_out'),
  Type.Null(),
]);
/** Raw status code ("0".."5", "255") → direction; null means "no direction, pair by order". */
export const StatusMapSchema = Type.Record(Type.String({ pattern: '^[0-9]{1,3}$' }), Direction);

export const PushOptionsSchema = Type.Object(
  {
    delaySec: Type.Optional(Type.Integer({ minimum: 2, maximum: 300 })),
    errorDelaySec: Type.Optional(Type.Integer({ minimum: 10, maximum: 600 })),
    transTimes: Type.Optional(Type.String({ pattern: '^([0-2][0-9]:[0-5][0-9])(;[0-2][0-9]:[0-5][0-9]){0,9}$' })),
    transIntervalMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
    realtime: Type.Optional(Type.Boolean()),
    sendTimeZone: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Device = Type.Object({
  id: Type.Integer(),
  companyId: Nullable(Type.Integer()),
  siteId: Nullable(Type.Integer()),
  vendor: Vendor,
  model: Nullable(Type.String()),
  serialNumber: Type.String(),
  mac: Nullable(Type.String()),
  name: Type.String(),
  /** The zone punches are read in (device, else site, else company). */
  timeZone: Type.String(),
  /** The device's own setting; null = inherited. */
  timeZoneSetting: Nullable(Type.String()),
  status: DeviceStatusT,
  statusMap: Type.Union([StatusMapSchema, Type.Null()]),
  pushOptions: Type.Record(Type.String(), Type.Unknown()),
  hasAuthToken: Type.Boolean(),
  allowedIps: Type.Union([Type.Array(Type.String()), Type.Null()]),
  firmware: Nullable(Type.String()),
  pushVersion: Nullable(Type.String()),
  language: Nullable(Type.String()),
  userCount: Nullable(Type.Integer()),
  fpCount: Nullable(Type.Integer()),
  faceCount: Nullable(Type.Integer()),
  attlogCount: Nullable(Type.Integer()),
  lastSeenAtMs: Nullable(Type.Number()),
  lastUploadAtMs: Nullable(Type.Number()),
  lastPunchAtMs: Nullable(Type.Number()),
  /** last upload − newest punch: how far behind the device's uploads run. */
  lagMs: Nullable(Type.Number()),
  /** Device clock minus server clock at the last measurement (positive: ahead, negative: behind; punches beyond the allowance ahead are quarantined). */
  clockSkewMs: Nullable(Type.Number()),
  clockCheckedAtMs: Nullable(Type.Number()),
  lastIp: Nullable(Type.String()),
  offlineAfterMin: Type.Integer(),
  online: Type.Boolean(),
  /** Where an admin registered the device to be pulled from (ISAPI); pulls go nowhere else. */
  pullUrl: Nullable(Type.String()),
  /** The last limit the device ran into ('held_punches' | 'photo_bytes'), and when. */
  limitHit: Nullable(Type.String()),
  limitHitAtMs: Nullable(Type.Number()),
  createdAtMs: Type.Number(),
  updatedAtMs: Type.Number(),
});

export const DeviceEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  atMs: Type.Number(),
  details: Type.Unknown(),
});

export const DeviceDetail = Type.Object({
  ...Device.properties,
  pendingCommands: Type.Integer(),
  heldPunches: Type.Integer(),
  gaps: Type.Array(DeviceEvent),
  recentEvents: Type.Array(DeviceEvent),
});

const editable = {
  siteId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  model: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  mac: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
  timeZone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
  statusMap: Type.Optional(Type.Union([StatusMapSchema, Type.Null()])),
  authToken: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 200 }), Type.Null()])),
  allowedIps: Type.Optional(Type.Union([Type.Array(Type.String({ minLength: 2, maxLength: 64 }), { maxItems: 100 }), Type.Null()])),
  pushOptions: Type.Optional(PushOptionsSchema),
  offlineAfterMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
};

export const DeviceCreate = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    vendor: Vendor,
    serialNumber: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    ...editable,
  },
  { additionalProperties: false },
);
export type DeviceCreateT = Static<typeof DeviceCreate>;

export const DevicePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    ...editable,
    /** Admins only: the device's own address for pulls, e.g. http://192.168.1.64. */
    pullUrl: Type.Optional(Type.Union([Type.String({ maxLength: 300, pattern: '^https?://[^\\s/?#@]+(/[^\\s?#]*)?$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type DevicePatchT = Static<typeof DevicePatch>;

export const DeviceApprove = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    siteId: Type.Optional(Type.Integer({ minimum: 1 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    statusMap: Type.Optional(Type.Union([StatusMapSchema, Type.Null()])),
    /** Accept the device only from the address it registered from (its last seen address). */
    lockToAddress: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DeviceApproveT = Static<typeof DeviceApprove>;

export const ApproveResult = Type.Object({
  device: Device,
  /** Held punches moved through ingest. */
  moved: Type.Integer(),
  created: Type.Integer(),
  duplicates: Type.Integer(),
  unmatched: Type.Integer(),
});

export const DeviceQuery = Type.Object(
  {
    ...PageQuery,
    companyId: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(DeviceStatusT),
    siteId: Type.Optional(Type.Integer({ minimum: 1 })),
    online: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DeviceQueryT = Static<typeof DeviceQuery>;

export const CommandKind = Type.Union([
  Type.Literal('sync_users'),
  Type.Literal('delete_user'),
  Type.Literal('query_attlog'),
  Type.Literal('reboot'),
  Type.Literal('sync_clock'),
  Type.Literal('info'),
]);

export const CommandCreate = Type.Object(
  {
    kind: CommandKind,
    /** sync_users / delete_user: only these employees (default: every active employee / every leaver). */
    employeeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 })),
    /** delete_user: these PINs. */
    pins: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32, pattern: '^[^\\t\\r\\n]+$' }), { minItems: 1, maxItems: 10_000 })),
    /** query_attlog: device wall time window, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`. */
    from: Type.Optional(Type.String({ minLength: 10, maxLength: 19 })),
    to: Type.Optional(Type.String({ minLength: 10, maxLength: 19 })),
  },
  { additionalProperties: false },
);
export type CommandCreateT = Static<typeof CommandCreate>;

export const DeviceCommand = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  command: Type.String(),
  status: Type.String(),
  returnCode: Nullable(Type.Integer()),
  result: Type.Unknown(),
  createdAtMs: Type.Number(),
  sentAtMs: Nullable(Type.Number()),
  finishedAtMs: Nullable(Type.Number()),
});

export const ImportBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentBase64: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type ImportBodyT = Static<typeof ImportBody>;

export const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true })) }, { additionalProperties: false });

export const ImportProblemSchema = Type.Object({ line: Type.Integer(), column: Type.Optional(Type.String()), message: Type.String() });

export const ImportResultSchema = Type.Object({
  format: Type.String(),
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  valid: Type.Integer(),
  problems: Type.Array(ImportProblemSchema),
  stored: Type.Optional(Type.Integer()),
  duplicates: Type.Optional(Type.Integer()),
});
