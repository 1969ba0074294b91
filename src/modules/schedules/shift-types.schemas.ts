import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';
import { HHMM_PATTERN } from './wall-time.js';

const Hhmm = Type.String({ pattern: HHMM_PATTERN, description: 'wall time HH:mm' });
const Minutes = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const Window = Type.Object({ start: Hhmm, end: Hhmm }, { additionalProperties: false });
const Flex = Type.Object({ lateMaxMin: Minutes(720), earlyMaxMin: Minutes(720) }, { additionalProperties: false });

/** Every AHR-1 shift knob, in readable units. */
const knobs = {
  start: Hhmm,
  end: Hhmm,
  crossesMidnight: Type.Boolean(),
  break: Type.Union([Window, Type.Null()]),
  graceLateMin: Minutes(720),
  graceEarlyMin: Minutes(720),
  seriousLateMin: Minutes(1440),
  absenteeismLateMin: Minutes(1440),
  checkInEarliestMin: Minutes(1440),
  checkOutLatestMin: Minutes(1440),
  halfDayBelowMin: Minutes(1440),
  absentBelowMin: Minutes(1440),
  flex: Type.Union([Flex, Type.Null()]),
};

const meta = {
  code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  color: Type.Optional(Type.Union([Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }), Type.Null()])),
};

export const ShiftType = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  color: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  ...knobs,
});

const optionalKnobs = Object.fromEntries(Object.entries(knobs).map(([k, v]) => [k, Type.Optional(v)])) as {
  [K in keyof typeof knobs]: ReturnType<typeof Type.Optional<(typeof knobs)[K]>>;
};

export const ShiftTypeCreate = Type.Object(
  { companyId: Type.Integer({ minimum: 1 }), ...meta, ...optionalKnobs, start: Hhmm, end: Hhmm },
  { additionalProperties: false },
);
export type ShiftTypeCreateT = Static<typeof ShiftTypeCreate>;

export const ShiftTypePatch = Type.Object(
  { code: Type.Optional(meta.code), name: Type.Optional(meta.name), color: meta.color, active: Type.Optional(Type.Boolean()), ...optionalKnobs },
  { additionalProperties: false },
);
export type ShiftTypePatchT = Static<typeof ShiftTypePatch>;

export const ShiftTypeQuery = Type.Object({ companyId: Type.Integer({ minimum: 1 }), active: Type.Optional(Type.Boolean()), ...PageQuery });
export type ShiftTypeQueryT = Static<typeof ShiftTypeQuery>;
