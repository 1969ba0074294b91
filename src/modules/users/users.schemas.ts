import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { ROLES, USER_STATUSES } from '../../shared/enums.js';
import { PageQuery } from '../../http/paging.js';

export const RoleT = literalUnion(ROLES);
export const UserStatus = literalUnion(USER_STATUSES);
const Password = Type.String({ minLength: 8, maxLength: 200 });
const CompanyIds = Type.Array(Type.Integer({ minimum: 1 }), { uniqueItems: true, maxItems: 1000 });
const Locale = Type.Union([Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' }), Type.Null()]);

/** A user as the API shows it: never with a password hash. */
export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleT,
  companyIds: Type.Array(Type.Integer()),
  employeeId: Type.Union([Type.Integer(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  status: UserStatus,
  mustChangePassword: Type.Boolean(),
  lastLoginAtMs: Type.Union([Type.Number(), Type.Null()]),
  createdAtMs: Type.Number(),
});

export const UserCreate = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    password: Password,
    role: RoleT,
    companyIds: Type.Optional(CompanyIds),
    employeeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type UserCreateT = Static<typeof UserCreate>;

export const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    role: Type.Optional(RoleT),
    companyIds: Type.Optional(CompanyIds),
    employeeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    status: Type.Optional(UserStatus),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type UserPatchT = Static<typeof UserPatch>;

export const ResetPassword = Type.Object({ password: Password }, { additionalProperties: false });

export const UserQuery = Type.Object(
  {
    ...PageQuery,
    companyId: Type.Optional(Type.Integer({ minimum: 1 })),
    role: Type.Optional(RoleT),
    status: Type.Optional(UserStatus),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UserQueryT = Static<typeof UserQuery>;
