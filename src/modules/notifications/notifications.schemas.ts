import { Type, type Static, type TLiteral } from 'typebox';
import { NOTICE_KINDS, type NoticeKind } from './messages.js';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 });
const Channel = Type.Union([Type.Literal('dingtalk'), Type.Literal('wecom'), Type.Literal('email'), Type.Literal('webhook')]);
export const Kind = Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k)) as [TLiteral<NoticeKind>, ...TLiteral<NoticeKind>[]]);
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
  webhookEndpointId: Type.Union([Type.Integer(), Type.Null()]),
  ops: Type.Object({ clockSkewMin: Type.Integer(), gapHours: Type.Integer(), monthCloseDays: Type.Integer() }),
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
    webhookEndpointId: Type.Optional(Type.Union([Id, Type.Null()], { description: "A webhook endpoint of purpose 'notifications' of this company: the 'webhook' channel" })),
    ops: Type.Optional(
      Type.Object(
        {
          clockSkewMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, description: 'Report a device clock off by more than this many minutes' })),
          gapHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, description: 'Report a device gap still unfilled this many hours after the device came back' })),
          monthCloseDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 28, description: 'Report the previous month still open on this day of the month' })),
        },
        { additionalProperties: false },
      ),
    ),
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

const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export const TemplateParams = Type.Object({ kind: Kind, locale: Locale });
export const TemplateText = Type.Object(
  {
    companyId: Id,
    title: Type.String({ minLength: 1, maxLength: 200, description: 'One line; {{variable}} and {{#variable}}…{{/variable}} (shown when not empty)' }),
    body: Type.String({ maxLength: 4000, description: 'Lines of markdown with the same variables; empty lines are dropped. The link back into Daka is always added.' }),
  },
  { additionalProperties: false },
);
export type TemplateTextT = Static<typeof TemplateText>;
export const TemplateView = Type.Object({
  kind: Kind,
  locale: Locale,
  title: Type.String(),
  body: Type.String(),
  /** False: the built-in default. */
  custom: Type.Boolean(),
  variables: Type.Array(Type.String()),
  defaultTitle: Type.String(),
  defaultBody: Type.String(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export const TemplateList = Type.Object({ items: Type.Array(TemplateView) });
export const TemplatePreviewBody = Type.Object(
  {
    companyId: Id,
    kind: Kind,
    locale: Locale,
    /** Omitted: the template in force. */
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    body: Type.Optional(Type.String({ maxLength: 4000 })),
    data: Type.Optional(Type.Union([Type.Literal('sample'), Type.Literal('real')], { default: 'sample', description: "'real': the facts of the latest notification of this kind (else the sample)" })),
  },
  { additionalProperties: false },
);
export type TemplatePreviewBodyT = Static<typeof TemplatePreviewBody>;
export const TemplatePreview = Type.Object({ title: Type.String(), markdown: Type.String(), link: Type.Union([Type.String(), Type.Null()]), data: Type.Union([Type.Literal('sample'), Type.Literal('real')]) });
