import { Type, type Static } from 'typebox';
import { EVENT_TYPES, type EventType } from '../outbox/outbox.types.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const EventTypeName = Type.Unsafe<EventType>({ type: 'string', enum: [...EVENT_TYPES] });
const Url = Type.String({ minLength: 8, maxLength: 2000, description: 'https://… (plain http only for hosts the operator allows in DAKA_CONNECTOR_BASE_URLS)' });

const Folder = Type.String({ minLength: 1, maxLength: 200, description: 'A folder relative to the operator\'s DAKA_PAYROLL_DROP_DIR, e.g. "acme/payroll"' });

export const WebhookEndpoint = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  /** Null for a drop-folder target. */
  url: Type.Union([Type.String(), Type.Null()]),
  /** 'https': POSTed to url; 'folder': payroll files written into `folder` (payroll endpoints only). */
  target: Type.Union([Type.Literal('https'), Type.Literal('folder')]),
  folder: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  eventTypes: Type.Array(Type.String()),
  origin: Type.Union([Type.Literal('api'), Type.Literal('rest_hook')]),
  purpose: Type.Union([Type.Literal('events'), Type.Literal('payroll'), Type.Literal('notifications')]),
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
  /** When the secret before the last rotation stops being signed with. */
  previousSecretValidUntil: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const WebhookEndpointWithSecret = Type.Object({
  ...WebhookEndpoint.properties,
  secret: Type.String({ description: 'whsec_… signing secret. Shown once: only here, never again.' }),
});

export const WebhookQuery = Type.Object({
  companyId: Type.Optional(Id),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const WebhookCreate = Type.Object(
  {
    companyId: Id,
    url: Type.Optional(Url),
    folder: Type.Optional(Folder),
    eventTypes: Type.Array(EventTypeName, { minItems: 1, maxItems: EVENT_TYPES.length, uniqueItems: true }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    purpose: Type.Optional(
      Type.Union([Type.Literal('events'), Type.Literal('payroll'), Type.Literal('notifications')], {
        description:
          "'payroll': receives the payroll export (CSV, the company's column mapping) of each closed month, POSTed to url or written into folder; eventTypes is then ['month.closed']. 'notifications': the signed-webhook channel of notifications (chosen in the notification rules); it receives messages, no events",
      }),
    ),
  },
  { additionalProperties: false },
);
export type WebhookCreateT = Static<typeof WebhookCreate>;

export const WebhookPatch = Type.Object(
  {
    url: Type.Optional(Url),
    folder: Type.Optional(Folder),
    eventTypes: Type.Optional(Type.Array(EventTypeName, { minItems: 1, maxItems: EVENT_TYPES.length, uniqueItems: true })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type WebhookPatchT = Static<typeof WebhookPatch>;

export const WebhookRotate = Type.Object(
  { overlapHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168, default: 24, description: 'How long the old secret keeps signing too' })) },
  { additionalProperties: false },
);

export const DeliveryParams = Type.Object({ id: Id, deliveryId: Id });
export const DeliveryQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead'), Type.Literal('cancelled')])),
  beforeId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const WebhookAttempt = Type.Object({
  attempt: Type.Integer(),
  startedAt: Type.String(),
  durationMs: Type.Integer(),
  outcome: Type.String(),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

export const WebhookDelivery = Type.Object({
  id: Type.Integer(),
  eventId: Type.Union([Type.String(), Type.Null()]),
  eventType: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastResponseStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  /** For a drop folder: the name of the file written. */
  fileName: Type.Union([Type.String(), Type.Null()]),
  log: Type.Array(WebhookAttempt),
});
export const WebhookDeliveryList = Type.Object({ items: Type.Array(WebhookDelivery), nextBeforeId: Type.Union([Type.Integer(), Type.Null()]) });

// REST hooks in the shape integration platforms (Zapier) expect: snake_case, a bare id back.
export const RestHookSubscribe = Type.Object(
  { target_url: Url, event: EventTypeName, companyId: Type.Optional(Id) },
  { additionalProperties: true },
);
export const RestHookCreated = Type.Object({ id: Type.Integer(), event: Type.String(), target_url: Type.String(), secret: Type.String({ description: 'whsec_… signing secret, shown once' }) });
export const RestHookRemoved = Type.Object({ id: Type.Integer() });
export const SampleParams = Type.Object({ event: EventTypeName });
export const SampleEnvelope = Type.Object({
  id: Type.String(),
  type: Type.String(),
  timestamp: Type.String(),
  companyId: Type.Integer(),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'The event\'s payload: see the WebhookEvent_* schemas' }),
});
export const SampleQuery = Type.Object({ companyId: Type.Optional(Id) });
