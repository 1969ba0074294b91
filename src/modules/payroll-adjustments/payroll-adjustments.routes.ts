import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { PayrollAdjustmentsService } from './payroll-adjustments.service.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Month = Type.String({ format: 'month', description: 'YYYY-MM' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Fields = Type.Object(
  {
    status: Type.String(), dayType: Type.String(), late: Type.Boolean(), lateMinutes: Type.Integer(), lateLevel: Type.String(), early: Type.Boolean(), earlyMinutes: Type.Integer(),
    missingIn: Type.Boolean(), missingOut: Type.Boolean(), workedMinutes: Type.Integer(), overtimeMinutes: Type.Integer(), leaveType: Nullable(Type.String()), leaveMinutes: Type.Integer(),
    inTime: Nullable(Type.String()), outTime: Nullable(Type.String()),
    reasons: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), params: Type.Record(Type.String(), Type.Unknown()) })),
  },
  { description: 'The result fields of the day (as in attendance_day.changed)' },
);

export const PayrollAdjustment = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  jobNumber: Type.String(),
  name: Type.String(),
  date: Type.String({ description: 'The closed day (leave: its first day in the closed month)' }),
  closedMonth: Type.String(),
  carriedIntoMonth: Type.String({ description: 'The open month whose payroll carries it' }),
  kind: Type.Union([Type.Literal('result'), Type.Literal('leave')]),
  source: Type.Union([Type.Literal('punch'), Type.Literal('correction'), Type.Literal('leave'), Type.Literal('request'), Type.Literal('recompute')]),
  sourceRef: Nullable(Type.String({ description: 'checkin:<id> or request:<id>' })),
  requestId: Nullable(Type.Integer()),
  before: Nullable(Fields),
  after: Nullable(Fields),
  leaveType: Nullable(Type.String()),
  leaveUnitsBefore: Nullable(Type.Number({ description: 'Units of the leave type booked for the closed month before the change' })),
  leaveUnitsAfter: Nullable(Type.Number()),
  createdAtMs: Type.Number(),
});

export const payrollAdjustmentsRoutes: FastifyPluginAsyncTypebox<{ adjustments: PayrollAdjustmentsService }> = async (app, { adjustments }) => {
  app.get(
    '/payroll-adjustments',
    {
      schema: {
        tags: ['month-close'],
        description: "Late changes to closed days (a punch, a 补卡, a leave change), carried into an open month's payroll: `month` = the month they are carried into, `closedMonth` = the closed month they change (admin, hr)",
        querystring: Type.Object({ companyId: Id, month: Type.Optional(Month), closedMonth: Type.Optional(Month), employeeId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Paged(PayrollAdjustment) },
      },
    },
    async (req) => adjustments.list(actorOf(req), req.query),
  );
};
