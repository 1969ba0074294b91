import { Type, type Static } from 'typebox';
import { NOTICE_KINDS } from './messages.js';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 });
const Channel = Type.Union([Type.Literal('dingtalk'), Type.Literal('wecom'), Type.Literal('email')]);
const Kind = Type.Union([
  Type.Literal('anomaly'),
  Type.Literal('anomaly_team'),
  Type.Literal('digest'),
  Type.Literal('request_submitted'),
  Type.Literal('request_decided'),
  Type.Literal('request_waiting'),
  Type.Literal('remind_in'),
  Type.Literal('remind_out'),
  Type.Literal('device_offline'),
  Type.Literal('connector_failed'),
]);
const DigestMode = Type.Union([Type.Literal('immediate'), Type.Literal('daily'), Type.Literal('weekly')]);
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const NullableId = Type.Union([Id, Type.Null()]);

const GroupReminder = Type.Object(
  { groupId: Id, inBeforeMin: Type.Integer({ minimum: 0, maximum: 240 }), outAfterMin: Type.Integer({ minimum: 0, maximum: 240 }), enabled: Type.Boolean() },
  { additionalProperties: false },
);
const QuietHours = Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false });

export const SmtpView = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  user: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  hasPassword: Type.Boolean(),
});

export const SmtpInput = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\-\\[\\]]+$' }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Boolean(),
    user: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    /** Omitted: keep the stored one. Null: none. */
    password: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    from: Type.String({ minLength: 3, maxLength: 254, pattern: '@' }),
  },
  { additionalProperties: false },
);
export type SmtpInputT = Static<typeof SmtpInput>;

export const NotificationSettingsView = Type.Object({
  companyId: Type.Integer(),
  enabled: Type.Boolean(),
  defaultChannel: Channel,
  dingtalkConnectorId: Type.Union([Type.Integer(), Type.Null()]),
  wecomConnectorId: Type.Union([Type.Integer(), Type.Null()]),
  robotConnectorId: Type.Union([Type.Integer(), Type.Null()]),
  quietHours: Type.Union([QuietHours, Type.Null()]),
  dailyCap: Type.Integer(),
  digestAt: Type.String(),
  requestReminderHours: Type.Integer(),
  remindInBeforeMin: Type.Integer(),
  remindOutAfterMin: Type.Integer(),
  groupReminders: Type.Array(GroupReminder),
  kinds: Type.Array(Kind),
  smtp: Type.Union([SmtpView, Type.Null()]),
});

export const NotificationSettingsPut = Type.Object(
  {
    companyId: Id,
    enabled: Type.Optional(Type.Boolean()),
    defaultChannel: Type.Optional(Channel),
    dingtalkConnectorId: Type.Optional(NullableId),
    wecomConnectorId: Type.Optional(NullableId),
    robotConnectorId: Type.Optional(NullableId),
    quietHours: Type.Optional(Type.Union([QuietHours, Type.Null()])),
    dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    digestAt: Type.Optional(HHMM),
    requestReminderHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
    remindInBeforeMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    remindOutAfterMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    groupReminders: Type.Optional(Type.Array(GroupReminder, { maxItems: 500 })),
    kinds: Type.Optional(Type.Array(Kind, { maxItems: NOTICE_KINDS.length, uniqueItems: true })),
    smtp: Type.Optional(Type.Union([SmtpInput, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NotificationSettingsPutT = Static<typeof NotificationSettingsPut>;

export const CompanyQuery = Type.Object({ companyId: Id }, { additionalProperties: false });

export const MyPreferences = Type.Object({
  employeeId: Type.Integer(),
  channel: Type.Union([Channel, Type.Null()]),
  effectiveChannel: Type.Union([Channel, Type.Null()]),
  reachable: Type.Array(Channel),
  locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en'), Type.Null()]),
  managerDigest: DigestMode,
  muted: Type.Array(Kind),
});

export const MyPreferencesPut = Type.Object(
  {
    channel: Type.Optional(Type.Union([Channel, Type.Null()])),
    locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en'), Type.Null()])),
    managerDigest: Type.Optional(DigestMode),
    muted: Type.Optional(Type.Array(Kind, { maxItems: NOTICE_KINDS.length, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type MyPreferencesPutT = Static<typeof MyPreferencesPut>;

export const DeliveryLogQuery = Type.Object(
  {
    companyId: Id,
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead'), Type.Literal('cancelled')])),
    beforeId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type DeliveryLogQueryT = Static<typeof DeliveryLogQuery>;

export const DeliveryLogItem = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  employeeId: Type.Union([Type.Integer(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('skipped'), Type.Literal('dead'), Type.Literal('cancelled')]),
  attempts: Type.Integer(),
  remoteId: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  notBefore: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export const DeliveryLog = Type.Object({ items: Type.Array(DeliveryLogItem), nextBeforeId: Type.Union([Type.Integer(), Type.Null()]) });

export const PreviewBody = Type.Object({ companyId: Id, date: Type.String({ format: 'date', maxLength: 10 }) }, { additionalProperties: false });
export type PreviewBodyT = Static<typeof PreviewBody>;
export const PreviewResult = Type.Object({
  date: Type.String(),
  reminders: Type.Array(Type.Object({ employeeId: Type.Integer(), direction: Type.Union([Type.Literal('in'), Type.Literal('out')]), at: Type.String(), channel: Type.Union([Type.String(), Type.Null()]) })),
});
