import { Type, type Static } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const DateStr = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Code = Type.String({ minLength: 1, maxLength: 64 });
const Unit = Type.Union([Type.Literal('day'), Type.Literal('half_day'), Type.Literal('hour')]);
const Amount = Type.Number({ minimum: -10_000, maximum: 10_000 });
const Compensation = Type.Union([Type.Literal('pay'), Type.Literal('leave')]);
const LedgerKind = literalUnion(['grant', 'accrual', 'carry_over', 'expiry', 'leave_taken', 'leave_cancelled', 'adjustment', 'overtime_credit', 'import'] as const);

export const BalanceQuery = Type.Object(
  {
    companyId: Id,
    employeeId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    asOf: Type.Optional(DateStr),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type BalanceQueryT = Static<typeof BalanceQuery>;

export const TypeBalance = Type.Object({
  leaveType: Type.String(),
  name: Type.String(),
  unit: Unit,
  granted: Type.Number(),
  used: Type.Number(),
  expired: Type.Number(),
  adjusted: Type.Number(),
  pending: Type.Number(),
  expiringSoon: Type.Number({ description: 'Unused time that lapses within 30 days of asOf' }),
  balance: Type.Number({ description: 'Sum of the ledger up to asOf' }),
  available: Type.Number({ description: 'What a new request may use: live lots, less leave approved for later dates and pending requests' }),
  allowNegative: Type.Boolean(),
});

export const Balances = Type.Object({
  asOf: Type.String(),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(Type.Object({ employeeId: Type.Integer(), jobNumber: Type.String(), name: Type.String(), departmentId: Nullable(Type.Integer()), balances: Type.Array(TypeBalance) })),
});

export const LedgerEntryDto = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  leaveType: Type.String(),
  kind: LedgerKind,
  amount: Type.Number(),
  effectiveDate: Type.String(),
  expiresOn: Nullable(Type.String()),
  ref: Nullable(Type.String()),
  requestId: Nullable(Type.Integer()),
  forMonth: Nullable(Type.String({ description: 'YYYY-MM of the leave days a request entry books (a late entry for a closed month is dated in the open month it is carried into)' })),
  reason: Type.String(),
  createdByUserId: Nullable(Type.Integer()),
  createdAtMs: Type.Number(),
});

export const LedgerParams = Type.Object({ employeeId: Id });
export const LedgerQuery = Type.Object(
  { leaveType: Type.Optional(Code), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) },
  { additionalProperties: false },
);
export const Ledger = Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(LedgerEntryDto) });

export const Adjustment = Type.Object(
  {
    employeeId: Id,
    leaveType: Code,
    amount: Amount,
    effectiveDate: DateStr,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    expiresOn: Type.Optional(Nullable(DateStr)),
  },
  { additionalProperties: false },
);
export type AdjustmentT = Static<typeof Adjustment>;

export const Rules = Type.Object(
  {
    accrual: Type.Union([Type.Literal('none'), Type.Literal('statutory_annual'), Type.Literal('yearly'), Type.Literal('monthly')]),
    amount: Type.Number({ minimum: 0, maximum: 1000 }),
    bands: Type.Array(Type.Object({ fromYears: Type.Integer({ minimum: 0, maximum: 80 }), amount: Type.Number({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }), { maxItems: 20 }),
    welfareDays: Type.Number({ minimum: 0, maximum: 365 }),
    expiresAtYearEnd: Type.Boolean(),
    carryOver: Nullable(Type.Object({ cap: Type.Number({ minimum: 0, maximum: 1000 }), expiresOn: Type.String({ minLength: 5, maxLength: 5, description: 'MM-DD of the next year (checked: INVALID_MONTH_DAY)' }) }, { additionalProperties: false })),
    allowNegative: Type.Boolean(),
    calendarDays: Type.Boolean(),
    creditExpiryDays: Type.Integer({ minimum: 0, maximum: 3660 }),
  },
  { additionalProperties: false },
);
export const RulesBody = Type.Object({ companyId: Id, rules: Nullable(Rules) }, { additionalProperties: false });
export const RulesParams = Type.Object({ code: Code });
export const RulesReply = Type.Object({ leaveType: Type.String(), rules: Nullable(Rules) });
export const RulesQuery = Type.Object({ companyId: Id }, { additionalProperties: false });
export const RulesList = Type.Object({ items: Type.Array(Type.Object({ leaveType: Type.String(), name: Type.String(), unit: Unit, rules: Nullable(Rules) })) });

export const RunBody = Type.Object({ companyId: Id, runDate: Type.Optional(DateStr), dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const CreditsBody = Type.Object({ companyId: Id, fromDate: DateStr, toDate: DateStr, dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const RunReply = Type.Object({
  runDate: Type.String(),
  dryRun: Type.Boolean(),
  employees: Type.Integer(),
  entries: Type.Integer(),
  byType: Type.Record(Type.String(), Type.Object({ entries: Type.Integer(), amount: Type.Number() })),
  preview: Type.Array(
    Type.Object({ employeeId: Type.Integer(), leaveType: Type.String(), ref: Type.String(), kind: Type.String(), amount: Type.Number(), effectiveDate: Type.String(), expiresOn: Nullable(Type.String()), reason: Type.String() }),
  ),
});

export const PriceBody = Type.Object(
  {
    employeeId: Type.Optional(Id),
    leaveType: Code,
    fromDate: DateStr,
    toDate: Type.Optional(DateStr),
    half: Type.Optional(Nullable(Type.Union([Type.Literal('am'), Type.Literal('pm')]))),
    hours: Type.Optional(Nullable(Type.Number({ minimum: 0.01, maximum: 24 }))),
  },
  { additionalProperties: false },
);
export const PriceReply = Type.Object({
  leaveType: Type.String(),
  unit: Unit,
  amount: Type.Number(),
  days: Type.Array(Type.Object({ date: Type.String(), amount: Type.Number() })),
  freeDates: Type.Array(Type.String()),
  tracked: Type.Boolean(),
  available: Nullable(Type.Number()),
  fits: Type.Boolean(),
});

export const CompensationParams = Type.Object({ groupId: Id });
export const CompensationBody = Type.Object(
  { workday: Compensation, restday: Compensation, holiday: Compensation, creditExpiryDays: Type.Integer({ minimum: 0, maximum: 3660 }) },
  { additionalProperties: false },
);
export const CompensationReply = Type.Object({ groupId: Type.Integer(), workday: Compensation, restday: Compensation, holiday: Compensation, creditExpiryDays: Type.Integer() });

export const ImportBody = Type.Object(
  {
    companyId: Id,
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: 14_000_000, description: 'CSV (UTF-8 or GBK) or XLSX: 工号, 假期类型 (code or name), 余额, optional 生效日期 and 备注' }),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ImportReply = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  posted: Type.Integer(),
  alreadyImported: Type.Integer(),
  problems: Type.Array(Type.Object({ line: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() })),
});
