import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { MonthCloseService } from './month-close.service.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Month = Type.String({ format: 'month', description: 'YYYY-MM' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const MonthClose = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  month: Type.String(),
  scope: Type.Union([Type.Literal('company'), Type.Literal('department'), Type.Literal('all')], { description: "company: the whole company; department: the department and its sub-departments; all: this company's part of closing everyone" }),
  departmentId: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('closed'), Type.Literal('reopened')]),
  closedAtMs: Type.Number(),
  closedByUserId: Nullable(Type.Integer()),
  employeeCount: Type.Integer({ description: 'Employees this close holds (an employee-month is held by one close only)' }),
  reopenedAtMs: Nullable(Type.Number()),
  reopenedByUserId: Nullable(Type.Integer()),
  reopenReason: Nullable(Type.String()),
});
const ScopeFields = {
  scope: Type.Optional(Type.Union([Type.Literal('company'), Type.Literal('department'), Type.Literal('all')], { description: 'default company' })),
  companyId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  month: Month,
};
const ScopeBody = Type.Object(ScopeFields, { additionalProperties: false });
const Confirmation = Type.Object({ employeeId: Type.Integer(), month: Type.String(), status: Type.Union([Type.Literal('confirmed'), Type.Literal('objected')]), objection: Nullable(Type.String()), atMs: Type.Number() });

export const monthCloseRoutes: FastifyPluginAsyncTypebox<{ monthClose: MonthCloseService }> = async (app, { monthClose }) => {
  const tags = ['month-close'];
  app.get('/month-closes', { schema: { tags, querystring: Type.Object({ companyId: Id }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(MonthClose) }) } } }, async (req) =>
    monthClose.list(actorOf(req), req.query.companyId),
  );
  app.post(
    '/month-closes',
    {
      schema: {
        tags,
        description:
          "Closes a month for payroll for a company, a department with its sub-departments, or everyone (every company the actor may close): each employee-month not closed yet is held by this close; results frozen, later punches, corrections and leave changes for its days become payroll adjustments carried into the next open month; emits month.closed per company",
        body: ScopeBody,
        response: { 201: Type.Object({ items: Type.Array(MonthClose) }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return monthClose.close(actorOf(req), { ...req.body, scope: req.body.scope ?? 'company' });
    },
  );
  app.post(
    '/month-closes/reopen',
    {
      schema: {
        tags,
        description: 'Reopens the closes of a month made with the same scope (company, department or everyone); the reason is kept and audited',
        body: Type.Object({ ...ScopeFields, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(MonthClose) }) },
      },
    },
    async (req) => monthClose.reopenScope(actorOf(req), { ...req.body, scope: req.body.scope ?? 'company' }),
  );
  app.post(
    '/month-closes/:id/reopen',
    { schema: { tags, description: 'Reopens one close (exactly the employee-months it holds); the reason is kept and audited', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }), response: { 200: MonthClose } } },
    async (req) => monthClose.reopen(actorOf(req), req.params.id, req.body.reason),
  );
  app.get(
    '/month-confirmations',
    { schema: { tags, querystring: Type.Object({ companyId: Id, month: Month }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Confirmation) }) } } },
    async (req) => monthClose.confirmations(actorOf(req), req.query.companyId, req.query.month),
  );
  app.post(
    '/month-confirmations',
    {
      schema: {
        tags,
        description: 'The employee confirms their month (考勤确认), or objects with a note',
        body: Type.Object({ companyId: Id, month: Month, objection: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))) }, { additionalProperties: false }),
        response: { 200: Confirmation },
      },
    },
    async (req) => monthClose.confirm(actorOf(req), req.body.companyId, req.body.month, req.body.objection ?? null),
  );
};
