import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { CHECKIN_SOURCES, DAY_STATUSES, DAY_TAGS } from '../../shared/enums.js';
import { PageQuery } from '../../http/paging.js';

const Month = Type.String({ format: 'month', description: 'YYYY-MM' });
const Id = Type.Integer({ minimum: 1 });
const Status = literalUnion(DAY_STATUSES);

export const DaysQuery = Type.Object(
  {
    companyId: Id,
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    departmentId: Type.Optional(Id),
    employeeId: Type.Optional(Id),
    status: Type.Optional(Status),
    tag: Type.Optional(literalUnion(DAY_TAGS, { description: 'late (迟到), early (早退), missing_punch (缺卡), absent (旷工), or anomaly (any of them and half days, as the dashboard lists them); days still in progress are not 缺卡 or 旷工' })),
    source: Type.Optional(literalUnion(CHECKIN_SOURCES)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type DaysQueryT = Static<typeof DaysQuery>;

export const DayParams = Type.Object({ employeeId: Id, date: Type.String({ format: 'date' }) });
export const DayQuery = Type.Object({ companyId: Id }, { additionalProperties: false });

export const MonthlyQuery = Type.Object(
  { companyId: Id, month: Month, departmentId: Type.Optional(Id), employeeId: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
);
export type MonthlyQueryT = Static<typeof MonthlyQuery>;

export const RecomputeRequest = Type.Object({ companyId: Id, departmentId: Type.Optional(Id), month: Month }, { additionalProperties: false });
export type RecomputeRequestT = Static<typeof RecomputeRequest>;

export const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Knobs are checked by the engine's own shapes after merging; here only their container. */
export const WhatIfBody = Type.Object(
  {
    companyId: Id,
    month: Month,
    departmentId: Type.Optional(Id),
    employeeIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000 })),
    draft: Type.Object(
      {
        groupId: Type.Optional(Id),
        policy: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        shifts: Type.Optional(Type.Record(Type.String({ pattern: '^\\d+$' }), Type.Record(Type.String(), Type.Unknown()))),
      },
      { additionalProperties: false },
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type WhatIfBodyT = Static<typeof WhatIfBody>;

export const DashboardQuery = Type.Object({ companyId: Id, date: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false });
export type DashboardQueryT = Static<typeof DashboardQuery>;
