import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';

export const Geofence = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    // Below 10 m phone GPS cannot tell inside from outside; above 50 km it is no fence.
    radiusM: Type.Integer({ minimum: 10, maximum: 50_000 }),
  },
  { additionalProperties: false },
);

export const Site = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  timeZone: Type.String(),
  geofence: Type.Union([Geofence, Type.Null()]),
  active: Type.Boolean(),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  geofence: Type.Optional(Type.Union([Geofence, Type.Null()])),
};

export const SiteCreate = Type.Object({ companyId: Type.Integer({ minimum: 1 }), ...fields }, { additionalProperties: false });
export type SiteCreateT = Static<typeof SiteCreate>;

export const SitePatch = Type.Partial(Type.Object(fields), { additionalProperties: false });
export type SitePatchT = Static<typeof SitePatch>;

export const SiteQuery = Type.Object(
  { ...PageQuery, companyId: Type.Optional(Type.Integer({ minimum: 1 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type SiteQueryT = Static<typeof SiteQuery>;
