import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { IDENTITY_KEYS } from '../../shared/enums.js';

export const MatchKey = literalUnion(IDENTITY_KEYS);

export const Company = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Type.String(),
  timeZone: Type.String(),
  identityMatchOrder: Type.Array(MatchKey),
  active: Type.Boolean(),
  /** The company's devices must present their token (a device without one is refused). */
  deviceRequireToken: Type.Boolean(),
  /** The company's devices must come from their allowed addresses (a device without any is refused). */
  deviceRequireAllowedIps: Type.Boolean(),
});

export const CompanyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    timeZone: Type.Optional(Type.String({ minLength: 1 })),
    identityMatchOrder: Type.Optional(Type.Array(MatchKey, { minItems: 1, maxItems: 3, uniqueItems: true })),
    deviceRequireToken: Type.Optional(Type.Boolean()),
    deviceRequireAllowedIps: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CompanyCreateT = Static<typeof CompanyCreate>;

export const CompanyPatch = Type.Partial(CompanyCreate, { additionalProperties: false });
export type CompanyPatchT = Static<typeof CompanyPatch>;
