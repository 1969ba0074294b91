import { Type, type Static } from 'typebox';

export const MAX_ROSTER_ENTRIES = 10_000;
export const MAX_ROSTER_DAYS = 62;

export const RosterPut = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    entries: Type.Array(
      Type.Object(
        { employeeId: Type.Integer({ minimum: 1 }), date: Type.String({ format: 'date' }), shiftTypeId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null = rest day' }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_ROSTER_ENTRIES },
    ),
  },
  { additionalProperties: false },
);
export type RosterPutT = Static<typeof RosterPut>;
export const RosterPutResult = Type.Object({ saved: Type.Integer(), employees: Type.Integer(), fromDate: Type.String(), toDate: Type.String() });

export const RosterQuery = Type.Object({
  companyId: Type.Integer({ minimum: 1 }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type RosterQueryT = Static<typeof RosterQuery>;

const Cell = Type.Union([
  Type.Object({ shiftTypeId: Type.Union([Type.Integer(), Type.Null()]), source: Type.Union([Type.Literal('entry'), Type.Literal('cycle'), Type.Literal('none')]), groupId: Type.Integer() }),
  Type.Null(),
]);
export const RosterGrid = Type.Object({
  companyId: Type.Integer(),
  dates: Type.Array(Type.String()),
  shiftTypes: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), color: Type.Union([Type.String(), Type.Null()]) })),
  rows: Type.Array(
    Type.Object({
      employeeId: Type.Integer(),
      jobNumber: Type.String(),
      name: Type.String(),
      departmentId: Type.Union([Type.Integer(), Type.Null()]),
      /** Aligned with `dates`; null where the employee is in no roster group that day. */
      cells: Type.Array(Cell),
    }),
  ),
});
