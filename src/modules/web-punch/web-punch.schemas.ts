import { Type, type Static } from 'typebox';
import { MAX_PHOTO_BYTES } from './photo.js';

export const WebPunchBody = Type.Object(
  {
    challenge: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'the single-use token from GET /me/clock' }),
    location: Type.Optional(
      Type.Object(
        {
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          accuracyM: Type.Number({ minimum: 0, maximum: 100_000, description: 'GeolocationCoordinates.accuracy, metres' }),
        },
        { additionalProperties: false },
      ),
    ),
    fieldWorkReason: Type.Optional(Type.String({ maxLength: 200 })),
    photo: Type.Optional(Type.String({ maxLength: Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 40, description: 'data:image/jpeg;base64,…' })),
    userAgent: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type WebPunchBodyT = Static<typeof WebPunchBody>;

const Rules = Type.Object({
  enabled: Type.Boolean(),
  location: Type.Union([Type.Literal('off'), Type.Literal('required')]),
  maxAccuracyM: Type.Integer(),
  fieldWork: Type.Boolean(),
  photo: Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]),
});

export const ClockStatus = Type.Object({
  employee: Type.Object({ id: Type.Integer(), name: Type.String(), jobNumber: Type.String() }),
  groupName: Type.Union([Type.String(), Type.Null()]),
  rules: Rules,
  fences: Type.Array(Type.Object({ siteId: Type.Integer(), name: Type.String(), lat: Type.Number(), lng: Type.Number(), radiusM: Type.Number() })),
  timeZone: Type.String(),
  date: Type.String({ format: 'date' }),
  serverNowMs: Type.Integer(),
  today: Type.Array(Type.Object({ id: Type.Integer(), atMs: Type.Integer(), wallTime: Type.String(), source: Type.String() })),
  challenge: Type.String(),
  challengeExpiresAtMs: Type.Integer(),
});

export const WebPunchResult = Type.Object({
  outcome: Type.Union([Type.Literal('created'), Type.Literal('duplicate')]),
  checkin: Type.Object({ id: Type.Integer(), atMs: Type.Integer(), wallTime: Type.String(), timeZone: Type.String() }),
  geofence: Type.Union([
    Type.Object({ verdict: Type.String(), siteId: Type.Union([Type.Integer(), Type.Null()]), distanceM: Type.Union([Type.Number(), Type.Null()]) }),
    Type.Null(),
  ]),
  fieldWorkReason: Type.Union([Type.String(), Type.Null()]),
});
