import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableId = Type.Union([Type.Integer(), Type.Null()]);
export const EmployeeStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

export const Employee = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  jobNumber: Type.String(),
  name: Type.String(),
  email: NullableString,
  mobile: NullableString,
  departmentId: NullableId,
  managerId: NullableId,
  siteId: NullableId,
  timeZone: NullableString,
  hireDate: NullableString,
  leaveDate: NullableString,
  workStartDate: NullableString,
  status: EmployeeStatus,
});

// Formats (e-mail, mobile, real dates, zones) are checked in the service so that each rule
// answers with its own code; the schema only fixes types and lengths.
const editable = {
  jobNumber: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' }),
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  mobile: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
  departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  managerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  siteId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  timeZone: Type.Optional(
    Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: "the employee's own IANA zone: their attendance is read in it before the group's and the company's; a change recomputes the open period" }),
  ),
  hireDate: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  leaveDate: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  workStartDate: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()], { description: '参加工作日期: start of cumulative working years, for statutory annual leave' })),
  status: Type.Optional(EmployeeStatus),
};

export const EmployeeCreate = Type.Object({ companyId: Type.Integer({ minimum: 1 }), ...editable }, { additionalProperties: false });
export type EmployeeCreateT = Static<typeof EmployeeCreate>;

export const EmployeePatch = Type.Partial(Type.Object(editable), { additionalProperties: false });
export type EmployeePatchT = Static<typeof EmployeePatch>;

export const EmployeeDeactivate = Type.Object({ leaveDate: Type.Optional(Type.String()) }, { additionalProperties: false });
export type EmployeeDeactivateT = Static<typeof EmployeeDeactivate>;

export const EmployeeQuery = Type.Object(
  {
    ...PageQuery,
    companyId: Type.Optional(Type.Integer({ minimum: 1 })),
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    includeSubdepartments: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(EmployeeStatus),
  },
  { additionalProperties: false },
);
export type EmployeeQueryT = Static<typeof EmployeeQuery>;

export const ImportQuery = Type.Object(
  { companyId: Type.Integer({ minimum: 1 }), dryRun: Type.Optional(Type.Boolean({ default: true })) },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentBase64: Type.String({ minLength: 1 }),
    createDepartments: Type.Optional(Type.Boolean({ default: false, description: 'Create the missing levels of department paths the file names, under their parent' })),
  },
  { additionalProperties: false },
);
export type ImportBodyT = Static<typeof ImportBody>;

export const ImportProblem = Type.Object({
  line: Type.Integer(),
  column: NullableString,
  code: Type.String(),
  message: Type.String(),
  value: Type.Optional(Type.String()),
  candidates: Type.Optional(Type.Array(Type.String())),
});

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  valid: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  departmentsToCreate: Type.Array(Type.String()),
  problems: Type.Array(ImportProblem),
});
