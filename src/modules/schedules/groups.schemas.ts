import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { PageQuery } from '../../http/paging.js';
import { GROUP_KINDS } from '../../shared/enums.js';
import { HHMM_PATTERN } from './wall-time.js';

const Hhmm = Type.String({ pattern: HHMM_PATTERN });
const Min = (max = 1440) => Type.Integer({ minimum: 0, maximum: max });
const Cap = Type.Union([Type.Integer({ minimum: 0, maximum: 1440 }), Type.Null()]);
const Window = Type.Union([Type.Object({ start: Hhmm, end: Hhmm }, { additionalProperties: false }), Type.Null()]);
const Unit = Type.Integer({ minimum: 1, maximum: 1440 });
const Multiplier = Type.Number({ minimum: 0, maximum: 10 });
const obj = <T extends Record<string, Parameters<typeof Type.Optional>[0]>>(props: T, partial: boolean) =>
  partial ? Type.Partial(Type.Object(props, { additionalProperties: false })) : Type.Object(props, { additionalProperties: false });

function policySchema(partial: boolean) {
  return obj(
    {
      pairing: Type.Union([Type.Literal('first_last'), Type.Literal('pairs')]),
      dedupeWindowSec: Type.Integer({ minimum: 0, maximum: 3600 }),
      minInOutGapMin: Min(),
      restDayStartsAt: Hhmm,
      truncateToMinute: Type.Boolean(),
      overtime: obj(
        {
          workday: obj({ enabled: Type.Boolean(), startAfterMin: Min(), minMin: Min(), unitMin: Unit, capMin: Cap, requiresApproval: Type.Boolean() }, partial),
          restday: obj({ enabled: Type.Boolean(), minMin: Min(), unitMin: Unit, capMin: Cap, breakWindow: Window }, partial),
          holiday: obj({ enabled: Type.Boolean(), minMin: Min(), unitMin: Unit, capMin: Cap, breakWindow: Window }, partial),
          payMultiplier: obj({ workday: Multiplier, restday: Multiplier, holiday: Multiplier }, partial),
          approvalMode: Type.Union([Type.Literal('manager'), Type.Literal('auto')], { description: 'manager: overtime requests wait for approval; auto: approved on filing' }),
        },
        partial,
      ),
      corrections: obj({ quotaPerMonth: Type.Integer({ minimum: 0, maximum: 100 }), deadlineDays: Type.Integer({ minimum: 0, maximum: 366 }) }, partial),
      webPunch: obj(
        {
          enabled: Type.Boolean({ description: 'members may clock in from the phone browser (H5 打卡)' }),
          location: Type.Union([Type.Literal('off'), Type.Literal('required')], { description: 'required: the position must lie inside a site geofence' }),
          maxAccuracyM: Type.Integer({ minimum: 5, maximum: 5000, description: 'a position fix less accurate than this (metres) is refused' }),
          fieldWork: Type.Boolean({ description: 'a punch outside every geofence is kept as field work (外勤) with the reason the employee gives' }),
          photo: Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]),
        },
        partial,
      ),
    },
    partial,
  );
}

export const Policy = policySchema(false);
export const PolicyInput = policySchema(true);

const ShiftRef = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);
export const Weekly = Type.Object(
  Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, Type.Optional(ShiftRef)])) as Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', ReturnType<typeof Type.Optional<typeof ShiftRef>>>,
  { additionalProperties: false, description: "shift type per weekday, '0' = Sunday … '6' = Saturday; missing = no shift" },
);
export const RosterCycle = Type.Object({ startDate: Type.String({ format: 'date' }), shiftTypeIds: Type.Array(ShiftRef, { minItems: 1, maxItems: 366 }) }, { additionalProperties: false });
export const FreeHours = Type.Object(
  { dayStartsAt: Hhmm, requiredMinutes: Type.Integer({ minimum: 0, maximum: 1440 }) },
  {
    additionalProperties: false,
    description:
      'free groups (自由工时): each day runs from dayStartsAt to dayStartsAt the next day, first punch in, last punch out; a workday worked below requiredMinutes is early leave by the shortfall (0 = no requirement)',
  },
);
const Kind = literalUnion(GROUP_KINDS);

export const Group = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  name: Type.String(),
  kind: Kind,
  timeZone: Type.String(),
  holidayCalendarId: Type.Union([Type.Integer(), Type.Null()]),
  policy: Policy,
  weekly: Type.Union([Weekly, Type.Null()]),
  rosterCycle: Type.Union([RosterCycle, Type.Null()]),
  freeHours: Type.Union([FreeHours, Type.Null()]),
  active: Type.Boolean(),
  memberCount: Type.Optional(Type.Integer({ description: 'in lists: active employees the group applies to today' })),
});

const editable = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  holidayCalendarId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  policy: Type.Optional(PolicyInput),
  weekly: Type.Optional(Type.Union([Weekly, Type.Null()])),
  rosterCycle: Type.Optional(Type.Union([RosterCycle, Type.Null()])),
  freeHours: Type.Optional(Type.Union([FreeHours, Type.Null()])),
};

export const GroupCreate = Type.Object({ companyId: Type.Integer({ minimum: 1 }), kind: Kind, ...editable }, { additionalProperties: false });
export type GroupCreateT = Static<typeof GroupCreate>;
export const GroupPatch = Type.Object({ ...editable, name: Type.Optional(editable.name), kind: Type.Optional(Kind), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type GroupPatchT = Static<typeof GroupPatch>;
export const GroupQuery = Type.Object({ companyId: Type.Integer({ minimum: 1 }), kind: Type.Optional(Kind), active: Type.Optional(Type.Boolean()), ...PageQuery });
export type GroupQueryT = Static<typeof GroupQuery>;

export const Member = Type.Object({
  id: Type.Integer(),
  groupId: Type.Integer(),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  employeeId: Type.Union([Type.Integer(), Type.Null()]),
  effectiveFrom: Type.String(),
  effectiveTo: Type.Union([Type.String(), Type.Null()]),
});
export const MemberCreate = Type.Object(
  {
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
    effectiveFrom: Type.String({ format: 'date' }),
    effectiveTo: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type MemberCreateT = Static<typeof MemberCreate>;
export const MemberEnd = Type.Object({ effectiveTo: Type.String({ format: 'date' }) }, { additionalProperties: false });
export const MemberParams = Type.Object({ id: Type.Integer({ minimum: 1 }), memberId: Type.Integer({ minimum: 1 }) });
export const MemberQuery = Type.Object({ ...PageQuery });
