import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { SENDABLE_CHECKIN_SOURCES } from '../../shared/enums.js';

const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

export const Location = Type.Object(
  {
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lng: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    accuracyM: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    wifiSsid: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    wifiBssid: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** One punch from an integration: who (one of employeeId, jobNumber, identity) and when (time or atMs). */
export const CheckinItem = Type.Object(
  {
    employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
    jobNumber: Type.Optional(Str(64)),
    identity: Type.Optional(
      Type.Object(
        {
          provider: Type.Union([Type.Literal('device'), Type.Literal('dingtalk'), Type.Literal('wecom')]),
          tenant: Type.Optional(Type.String({ maxLength: 128 })),
          externalId: Str(128),
        },
        { additionalProperties: false },
      ),
    ),
    time: Type.Optional(Type.String({ minLength: 16, maxLength: 40, description: 'ISO-8601 with offset, e.g. 2026-03-10T08:55:12+08:00' })),
    atMs: Type.Optional(Type.Integer({ format: 'epoch-ms' })),
    timeZone: Type.Optional(Str(64)),
    source: Type.Optional(literalUnion(SENDABLE_CHECKIN_SOURCES)),
    sourceRecordId: Nullable(Str(200)),
    idempotencyKey: Type.Optional(Str(300)),
    deviceSn: Nullable(Str(100)),
    verifyMethod: Type.Optional(Type.Union(['fingerprint', 'face', 'card', 'password', 'palm', 'iris', 'gps', 'wifi', 'bluetooth', 'app', 'manual', 'other'].map((s) => Type.Literal(s)))),
    direction: Type.Optional(Type.Union(['in', 'out', 'break_out', 'break_in', 'ot_in', 'ot_out'].map((s) => Type.Literal(s)))),
    location: Type.Optional(Type.Union([Location, Type.Null()])),
    photoRef: Nullable(Str(1000)),
    raw: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type CheckinItemT = Static<typeof CheckinItem>;

export const MAX_BATCH = 10_000;

export const CheckinBatch = Type.Object(
  { companyId: Type.Integer({ minimum: 1 }), items: Type.Array(CheckinItem, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);
export type CheckinBatchT = Static<typeof CheckinBatch>;

export const CheckinQuery = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    source: Type.Optional(Type.String({ maxLength: 20 })),
    unmatched: Type.Optional(Type.Boolean()),
    held: Type.Optional(Type.Boolean({ description: 'true: only punches that do not count (from a clock running ahead: holdReason clock_ahead)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type CheckinQueryT = Static<typeof CheckinQuery>;
const { page: _page, pageSize: _pageSize, ...exportFilters } = CheckinQuery.properties;
export const CheckinExportQuery = Type.Object(exportFilters, { additionalProperties: false });

/** One ingest call's refused punches, as recorded when they arrived. */
export const RejectedBatch = Type.Object({
  atMs: Type.Integer({ description: 'when they arrived' }),
  actorName: Type.String(),
  source: Type.String(),
  reason: Type.String(),
  rejected: Type.Integer(),
  punches: Type.Array(
    Type.Object({
      idempotencyKey: Type.String(),
      atMs: Type.Unknown({ description: 'the instant as the source gave it' }),
      wallTime: Type.Union([Type.String(), Type.Null()]),
      deviceSn: Type.Union([Type.String(), Type.Null()]),
      externalId: Type.String(),
    }),
    { description: 'up to 50 of them' },
  ),
});

const NullableStr = Type.Union([Type.String(), Type.Null()]);

/** A stored punch's location: what a source sent, plus what a web clock-in adds as evidence. */
export const LocationView = Type.Object({
  ...Location.properties,
  geofence: Type.Optional(
    Type.Union([
      Type.Object({
        verdict: Type.Union([Type.Literal('inside'), Type.Literal('outside'), Type.Literal('not_checked')]),
        siteId: Type.Union([Type.Integer(), Type.Null()]),
        distanceM: Type.Union([Type.Number(), Type.Null()]),
      }),
      Type.Null(),
    ]),
  ),
  fieldWorkReason: Type.Optional(NullableStr),
});

/** A stored punch as the API shows it (checkinDto). */
export const CheckinView = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Union([Type.Integer(), Type.Null()]),
  employeeName: NullableStr,
  jobNumber: Type.Optional(NullableStr),
  departmentName: Type.Optional(NullableStr),
  deviceName: Type.Optional(Type.Union([Type.String({ description: 'the machine found by its serial in the company' }), Type.Null()])),
  deviceSiteName: Type.Optional(NullableStr),
  atMs: Type.Integer(),
  time: Type.String({ description: 'ISO-8601 with the punch’s own offset' }),
  wallTime: Type.String({ description: 'local wall time where the punch happened' }),
  utcOffsetMin: Type.Integer(),
  timeZone: Type.String(),
  source: Type.String(),
  sourceRecordId: NullableStr,
  deviceSn: NullableStr,
  verifyMethod: NullableStr,
  direction: NullableStr,
  location: Type.Union([LocationView, Type.Null()]),
  photoRef: NullableStr,
  platformResult: NullableStr,
  identity: Type.Object({ provider: Type.String(), tenant: Type.String(), externalId: Type.String() }),
  matched: Type.Boolean(),
  held: Type.Boolean({ description: 'kept aside and not used for attendance (see holdReason)' }),
  holdReason: NullableStr,
  receivedAtMs: Type.Integer(),
});

export const CheckinDetail = Type.Object({ ...CheckinView.properties, raw: Type.Unknown({ description: 'the record as the source sent it' }) });
