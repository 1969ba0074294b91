import { Type, type Static } from 'typebox';
import { PageQuery } from '../../http/paging.js';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Owner = Type.Union([Type.Literal('platform'), Type.Literal('daka')]);
const Kind = Type.Union([Type.Literal('leave'), Type.Literal('correction'), Type.Literal('overtime')]);
const DateText = Type.String({ format: 'date' });

export const PlatformT = Type.Union([Type.Literal('dingtalk'), Type.Literal('wecom')]);

export const ConnectorSettingsSchema = Type.Object(
  {
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    fieldOwnership: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Owner),
          jobNumber: Type.Optional(Owner),
          email: Type.Optional(Owner),
          mobile: Type.Optional(Owner),
          departmentId: Type.Optional(Owner),
          managerId: Type.Optional(Owner),
        },
        { additionalProperties: false },
      ),
    ),
    templateKinds: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 128 }), Kind)),
    jobNumberAttrs: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 })),
    recentDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    approvalDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    budgetLimit: Type.Optional(Type.Integer({ minimum: 1 })),
    budgetWarnAt: Type.Optional(Type.Number({ minimum: 0.001, maximum: 1, description: 'more than 0' })),
    edition: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('professional'), Type.Literal('exclusive')], { description: 'DingTalk edition: sets the documented per-second limit and monthly allowance' })),
    budgetShare: Type.Optional(Type.Number({ minimum: 0.05, maximum: 1, description: 'Share of the monthly allowance the schedule plans to spend (default 0.8)' })),
    callbackMaxSkewSec: Type.Optional(Type.Integer({ minimum: 30, maximum: 3600 })),
    reconcileToleranceMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    pushChannel: Type.Optional(Type.Union([Type.Literal('callback'), Type.Literal('stream')], { description: 'DingTalk: HTTP callbacks (default) or Stream mode' })),
    leaveTypeMap: Type.Optional(
      Type.Record(Type.String({ pattern: '^\\d{1,10}$' }), Type.String({ minLength: 1, maxLength: 64 }), {
        description: 'WeCom 假期管理 leave type id → Daka leave type code, for the quota reconciliation (default: the Daka type of the same name)',
        maxProperties: 100,
      }),
    ),
    leaveSchedules: Type.Optional(Type.Boolean({ description: "WeCom: put each employee's approved leave into their WeCom calendar as a schedule (日程), updated on change and deleted on cancellation" })),
  },
  { additionalProperties: false },
);

const secrets = {
  appSecret: Type.String({ minLength: 1, maxLength: 256 }),
  callbackToken: Type.String({ minLength: 1, maxLength: 128 }),
  // The platforms' EncodingAESKey: 43 letters or digits (a 32-byte key in base64 without its '=').
  encodingAesKey: Type.String({ pattern: '^[A-Za-z0-9]{43}$' }),
};

const AgentId = Type.String({ pattern: '^\\d{1,20}$' });

/**
 * The group robot: its webhook URL as the platform shows it (DingTalk `…/robot/send?access_token=…`,
 * WeCom `…/cgi-bin/webhook/send?key=…`) and, for a DingTalk robot with 加签, its secret (SEC…).
 * Both are credentials: sealed with the app secret, never returned.
 */
const robot = {
  robotWebhookUrl: Type.String({ minLength: 1, maxLength: 1000 }),
  robotSecret: Type.String({ minLength: 1, maxLength: 256, pattern: '^\\S+$' }),
};

export const ConnectorCreate = Type.Object(
  {
    companyId: Type.Integer({ minimum: 1 }),
    platform: PlatformT,
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    corpId: Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S+$' }),
    /** DingTalk AppKey (client id); WeCom: defaults to the agent id. */
    appKey: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S+$' })),
    agentId: Type.Optional(AgentId),
    ...secrets,
    robotWebhookUrl: Type.Optional(robot.robotWebhookUrl),
    robotSecret: Type.Optional(robot.robotSecret),
    baseUrl: Type.Optional(Type.String({ maxLength: 300 })),
    settings: Type.Optional(ConnectorSettingsSchema),
  },
  { additionalProperties: false },
);
export type ConnectorCreateT = Static<typeof ConnectorCreate>;

export const ConnectorPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    corpId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S+$' })),
    appKey: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S+$' })),
    agentId: Type.Optional(Type.Union([AgentId, Type.Null()])),
    appSecret: Type.Optional(secrets.appSecret),
    callbackToken: Type.Optional(secrets.callbackToken),
    encodingAesKey: Type.Optional(secrets.encodingAesKey),
    /** null removes the robot (and its secret). */
    robotWebhookUrl: Type.Optional(Type.Union([robot.robotWebhookUrl, Type.Null()])),
    /** null turns signing off. */
    robotSecret: Type.Optional(Type.Union([robot.robotSecret, Type.Null()])),
    baseUrl: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    settings: Type.Optional(ConnectorSettingsSchema),
  },
  { additionalProperties: false },
);
export type ConnectorPatchT = Static<typeof ConnectorPatch>;

export const Connector = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  platform: PlatformT,
  name: Type.String(),
  corpId: Type.String(),
  appKey: Type.String(),
  agentId: Nullable(Type.String()),
  baseUrl: Nullable(Type.String()),
  settings: ConnectorSettingsSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('error')]),
  lastError: Nullable(Type.String()),
  /** Secrets are write-only: whether they are set, and at most the app secret's last 4 characters. */
  hasSecret: Type.Boolean(),
  appSecretLast4: Type.String(),
  hasCallbackToken: Type.Boolean(),
  hasEncodingAesKey: Type.Boolean(),
  /** A group robot is configured; `robotSigned`: it has a DingTalk signing secret. */
  hasRobot: Type.Boolean(),
  robotSigned: Type.Boolean(),
  /** Where to point the platform's event subscription (path on this server). */
  callbackPath: Type.String(),
  createdAtMs: Type.Integer(),
  updatedAtMs: Type.Integer(),
});

export const Run = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  params: Type.Unknown(),
  counts: Type.Unknown(),
  error: Nullable(Type.String()),
  startedAtMs: Type.Integer(),
  finishedAtMs: Nullable(Type.Integer()),
});

const BudgetAction = Type.Union([
  Type.Literal('pull_interval_stretched'),
  Type.Literal('polling_replaced_by_events'),
  Type.Literal('polling_suspended'),
  Type.Literal('resync_weekly'),
  Type.Literal('reconcile_skipped'),
  Type.Literal('requeries_coalesced'),
  Type.Literal('requeries_left_to_resync'),
]);

/** Calls this month against the allowance, the month-end projection, and what the schedule does to stay under. */
export const Usage = Type.Object({
  month: Type.String(),
  used: Type.Integer(),
  limit: Nullable(Type.Integer()),
  warnAt: Type.Union([Type.Number(), Type.Null()]),
  warning: Type.Boolean(),
  share: Type.Number(),
  target: Nullable(Type.Integer()),
  projectedMonthEnd: Type.Integer(),
  pushConnected: Type.Boolean(),
  headcount: Type.Integer(),
  lastPullAtMs: Nullable(Type.Integer()),
  plan: Type.Object({
    mode: Type.Union([Type.Literal('poll'), Type.Literal('events'), Type.Literal('suspended')]),
    pullIntervalMin: Nullable(Type.Integer()),
    callsPerPull: Type.Integer(),
    requeries: Type.Union([Type.Literal('immediate'), Type.Literal('coalesced'), Type.Literal('resync_only'), Type.Literal('none')]),
    requeryCoalesceMin: Nullable(Type.Integer()),
    resyncEveryDays: Type.Integer(),
    reconcile: Type.Boolean(),
    underTarget: Type.Boolean(),
    actions: Type.Array(BudgetAction),
  }),
});

/** A ban in force: every call of the connector's app waits until `pausedUntilMs`. */
export const Throttle = Type.Object({ pausedUntilMs: Type.Integer(), reason: Type.String(), api: Type.String(), sinceMs: Type.Integer() });

/** The DingTalk Stream connection of a stream-mode connector, as the instance holding it last reported it. */
export const StreamStatus = Type.Object({
  state: Type.Union([Type.Literal('connecting'), Type.Literal('connected'), Type.Literal('error'), Type.Literal('closed')]),
  lastError: Nullable(Type.String()),
  lastErrorAtMs: Nullable(Type.Integer()),
  connectedAtMs: Nullable(Type.Integer()),
  eventsReceived: Type.Integer(),
  updatedAtMs: Nullable(Type.Integer()),
});

/** Today's use (China day) of an API the platform caps per app and day; at the cap, calls wait for the next day. */
export const DailyCap = Type.Object({ api: Type.String(), day: Type.String(), used: Type.Integer(), limit: Type.Integer() });

export const ConnectorDetail = Type.Object({ ...Connector.properties, lastRuns: Type.Array(Run), usage: Usage, dailyCaps: Type.Array(DailyCap), stream: Type.Union([StreamStatus, Type.Null()]), throttle: Type.Union([Throttle, Type.Null()]) });

export const ConnectorQuery = Type.Object({ companyId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const SyncBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('directory'), Type.Literal('punches'), Type.Literal('approvals'), Type.Literal('reconcile')]),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
  },
  { additionalProperties: false },
);
export type SyncBodyT = Static<typeof SyncBody>;

export const SyncQueued = Type.Object({ queued: Type.Boolean(), jobId: Nullable(Type.String()), kind: Type.String(), from: Nullable(Type.String()), to: Nullable(Type.String()) });

export const TestResult = Type.Object({ ok: Type.Boolean(), code: Nullable(Type.String()), message: Type.String() });

export const RunsQuery = Type.Object({ ...PageQuery, kind: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });

export const DiffQuery = Type.Object(
  {
    ...PageQuery,
    date: Type.Optional(DateText),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
    kind: Type.Optional(Type.Union([Type.Literal('missing_in_daka'), Type.Literal('missing_on_platform'), Type.Literal('different_result')])),
    employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type DiffQueryT = Static<typeof DiffQuery>;

export const Diff = Type.Object({
  id: Type.Integer(),
  employeeId: Nullable(Type.Integer()),
  externalUserId: Type.String(),
  date: Type.String(),
  kind: Type.String(),
  /** different_result: the fields the two sides disagree on (scheduled, leave, absent, late, early, missing_punch, worked_minutes). */
  fields: Type.Array(Type.String()),
  platform: Type.Unknown(),
  daka: Type.Unknown(),
  createdAtMs: Type.Integer(),
});

export const TestMessageBody = Type.Object(
  { employeeId: Type.Integer({ minimum: 1 }), text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const TestMessageResult = Type.Object({ messageIds: Type.Array(Type.String()), rejectedRecipients: Type.Array(Type.String()) });

const RecipientStatus = Type.Union([Type.Literal('sent'), Type.Literal('rejected'), Type.Literal('not_linked'), Type.Literal('mentioned')]);

export const MessageBody = Type.Object(
  {
    /** employees (default): work notice / app message to each; robot: one post to the group, `employeeIds` @-mentioned. */
    target: Type.Optional(Type.Union([Type.Literal('employees'), Type.Literal('robot')])),
    employeeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true })),
    /** Default markdown. */
    format: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('markdown')])),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
    content: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
    /** A link to open (https, or http to this machine). */
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type MessageBodyT = Static<typeof MessageBody>;

export const MessageResult = Type.Object({
  channel: Type.String(),
  target: Type.Union([Type.Literal('employees'), Type.Literal('robot')]),
  /** The platform's message id (WeCom msgid) or task ids (DingTalk asyncsend task_id); robots return none. */
  messageIds: Type.Array(Type.String()),
  /**
   * Per employee: sent (accepted by the platform; DingTalk delivers work notices asynchronously),
   * rejected (the platform refused the recipient), not_linked (no identity on this connector, not
   * sent), mentioned (@-mentioned in the robot post).
   */
  recipients: Type.Array(Type.Object({ employeeId: Type.Integer(), externalUserId: Nullable(Type.String()), status: RecipientStatus })),
});

/** Reminder offsets WeCom accepts, in minutes before the start. */
export const REMINDER_MINUTES = [0, 5, 15, 60, 1440] as const;

export const ScheduleBody = Type.Object(
  {
    employeeIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
    /** Shown as the organizer; default: the app. Must be linked on this connector. */
    organizerEmployeeId: Type.Optional(Type.Integer({ minimum: 1 })),
    summary: Type.String({ minLength: 1, maxLength: 128, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 512 })),
    location: Type.Optional(Type.String({ maxLength: 128 })),
    /** ISO 8601 with an offset, e.g. 2026-03-10T09:00:00+08:00. */
    start: Type.String({ minLength: 16, maxLength: 40 }),
    end: Type.String({ minLength: 16, maxLength: 40 }),
    /** Minutes before the start: 0, 5, 15, 60 or 1440; none: no reminder. */
    reminders: Type.Optional(Type.Array(Type.Union(REMINDER_MINUTES.map((m) => Type.Literal(m))), { maxItems: 5, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ScheduleBodyT = Static<typeof ScheduleBody>;

export const ScheduleResult = Type.Object({
  scheduleId: Type.String(),
  startAtMs: Type.Integer(),
  endAtMs: Type.Integer(),
  attendees: Type.Array(Type.Object({ employeeId: Type.Integer(), externalUserId: Nullable(Type.String()), status: Type.Union([Type.Literal('invited'), Type.Literal('not_linked')]) })),
});
