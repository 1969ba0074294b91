import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';

export const DayType = Type.Union([Type.Literal('workday'), Type.Literal('makeup_workday'), Type.Literal('rest_day'), Type.Literal('statutory_holiday')]);
const WeekendDays = Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7, uniqueItems: true, description: '0 = Sunday … 6 = Saturday' });

export const Calendar = Type.Object({
  id: Type.Integer(),
  companyId: Type.Union([Type.Integer(), Type.Null()]),
  code: Type.String(),
  name: Type.String(),
  weekendDays: Type.Array(Type.Integer()),
});
export const CalendarCreate = Type.Object(
  {
    companyId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null: shared by every company (admins only)' }),
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    weekendDays: Type.Optional(WeekendDays),
  },
  { additionalProperties: false },
);
export type CalendarCreateT = Static<typeof CalendarCreate>;
export const CalendarPatch = Type.Object(
  { code: Type.Optional(CalendarCreate.properties.code), name: Type.Optional(CalendarCreate.properties.name), weekendDays: Type.Optional(WeekendDays) },
  { additionalProperties: false },
);
export type CalendarPatchT = Static<typeof CalendarPatch>;
export const CalendarQuery = Type.Object({ companyId: Type.Optional(Type.Integer({ minimum: 1 })), ...PageQuery });
export type CalendarQueryT = Static<typeof CalendarQuery>;

export const CalendarDay = Type.Object({ date: Type.String(), dayType: DayType, name: Type.Union([Type.String(), Type.Null()]), source: Type.String() });
export const DaysQuery = Type.Object({ from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })), ...PageQuery });
export type DaysQueryT = Static<typeof DaysQuery>;
export const DaysPut = Type.Object(
  {
    days: Type.Array(
      Type.Object({ date: Type.String({ format: 'date' }), dayType: DayType, name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type DaysPutT = Static<typeof DaysPut>;
export const DayParams = Type.Object({ id: Type.Integer({ minimum: 1 }), date: Type.String({ format: 'date' }) });

export const ImportChina = Type.Object(
  {
    calendarId: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the shared calendar with code CN (created if missing)' })),
    years: Type.Optional(Type.Array(Type.Integer({ minimum: 1900, maximum: 2200 }), { minItems: 1, maxItems: 200, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ImportChinaT = Static<typeof ImportChina>;
export const ImportResult = Type.Object({
  calendarId: Type.Integer(),
  years: Type.Array(Type.Integer()),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  keptManual: Type.Integer(),
});
