import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { PageQuery } from '../../http/paging.js';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../../shared/enums.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const RequestKind = literalUnion(REQUEST_KINDS);
export const RequestStatus = literalUnion(REQUEST_STATUSES);
const Half = Type.Union([Type.Literal('am'), Type.Literal('pm')]);

export const Request = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  employeeId: Type.Integer(),
  kind: RequestKind,
  status: RequestStatus,
  leaveType: Nullable(Type.String()),
  fromDate: Nullable(Type.String()),
  toDate: Nullable(Type.String()),
  half: Nullable(Half),
  hours: Nullable(Type.Number()),
  fromMs: Nullable(Type.Number()),
  toMs: Nullable(Type.Number()),
  correctionAtMs: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  source: Type.String(),
  externalId: Nullable(Type.String()),
  createdByUserId: Nullable(Type.Integer()),
  decidedByUserId: Nullable(Type.Integer()),
  decidedAtMs: Nullable(Type.Number()),
  decisionNote: Nullable(Type.String()),
  createdAtMs: Type.Number(),
  updatedAtMs: Type.Number(),
});

/**
 * One body for the three kinds; which fields apply is checked in the service so each rule answers
 * with its own code and field path. Leave: leaveType, fromDate, toDate, half (one day) or hours.
 * Overtime: fromMs/toMs or from/to (ISO with offset). Correction (补卡): time (ISO with offset), reason.
 */
export const RequestCreate = Type.Object(
  {
    employeeId: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the caller' })),
    kind: RequestKind,
    leaveType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    fromDate: Type.Optional(Type.String({ format: 'date' })),
    toDate: Type.Optional(Type.String({ format: 'date' })),
    half: Type.Optional(Nullable(Half)),
    hours: Type.Optional(Type.Number({ minimum: 0.01, maximum: 24, description: 'more than 0' })),
    fromMs: Type.Optional(Type.Integer({ format: 'epoch-ms' })),
    toMs: Type.Optional(Type.Integer({ format: 'epoch-ms' })),
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    time: Type.Optional(Type.String({ maxLength: 40 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RequestCreateT = Static<typeof RequestCreate>;

export const RequestQuery = Type.Object({
  companyId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(RequestStatus),
  kind: Type.Optional(RequestKind),
  employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
  mine: Type.Optional(Type.Boolean({ description: "only the caller's own requests" })),
  pendingForMe: Type.Optional(Type.Boolean({ description: 'pending requests the caller may decide' })),
  ...PageQuery,
});
export type RequestQueryT = Static<typeof RequestQuery>;

export const Decision = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const LeaveUnit = Type.Union([Type.Literal('day'), Type.Literal('half_day'), Type.Literal('hour')]);
export const LeaveType = Type.Object({ id: Type.Integer(), companyId: Type.Integer(), code: Type.String(), name: Type.String(), paid: Type.Boolean(), unit: LeaveUnit, active: Type.Boolean() });
export const LeaveTypeCreate = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    paid: Type.Optional(Type.Boolean()),
    unit: Type.Optional(LeaveUnit),
  },
  { additionalProperties: false },
);
export type LeaveTypeCreateT = Static<typeof LeaveTypeCreate>;
export const LeaveTypePatch = Type.Object(
  { name: Type.Optional(LeaveTypeCreate.properties.name), paid: Type.Optional(Type.Boolean()), unit: Type.Optional(LeaveUnit), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type LeaveTypePatchT = Static<typeof LeaveTypePatch>;
export const LeaveTypeQuery = Type.Object({ companyId: Type.Integer({ minimum: 1 }), active: Type.Optional(Type.Boolean()), ...PageQuery });
export type LeaveTypeQueryT = Static<typeof LeaveTypeQuery>;
export const SeedBody = Type.Object({ companyId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
