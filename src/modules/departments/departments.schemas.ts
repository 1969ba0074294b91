import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';

export const Department = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  managerEmployeeId: Type.Union([Type.Integer(), Type.Null()]),
  active: Type.Boolean(),
});

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^/]*[^/\\s][^/]*$' });
const Code = Type.String({ minLength: 1, maxLength: 64 });
const NullableId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);

export const DepartmentCreate = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    parentId: Type.Optional(NullableId),
    // A slash would make the department unreachable by the `研发部/后端组` paths imports use.
    name: Name,
    code: Type.Optional(Type.Union([Code, Type.Null()])),
    managerEmployeeId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);
export type DepartmentCreateT = Static<typeof DepartmentCreate>;

export const DepartmentPatch = Type.Object(
  {
    parentId: Type.Optional(NullableId),
    name: Type.Optional(Name),
    code: Type.Optional(Type.Union([Code, Type.Null()])),
    managerEmployeeId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);
export type DepartmentPatchT = Static<typeof DepartmentPatch>;

export const DepartmentQuery = Type.Object(
  {
    ...PageQuery,
    companyId: Type.Optional(Type.Integer({ minimum: 1 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DepartmentQueryT = Static<typeof DepartmentQuery>;
