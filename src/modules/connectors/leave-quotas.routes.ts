import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { literalUnion } from '../../http/literal-union.js';
import { MAX_QUOTA_IMPORT, MAX_QUOTA_PAGE, type LeaveQuotaReconciliation } from './leave-quotas.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const DateStr = Type.String({ format: 'date' });
const Unit = literalUnion(['day', 'half_day', 'hour'] as const);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const QuotaQuery = Type.Object(
  {
    departmentId: Type.Optional(Id),
    asOf: Type.Optional(DateStr),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_QUOTA_PAGE })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    onlyDifferent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const QuotaRow = Type.Object({
  leaveType: Type.String(),
  name: Type.String(),
  unit: Unit,
  daka: Type.Number({ description: 'Ledger up to asOf, less leave approved for later dates' }),
  platform: Nullable(Type.Number({ description: "WeCom's left, in the Daka type's unit" })),
  platformType: Nullable(
    Type.Object({ externalId: Type.String(), name: Type.String(), unit: literalUnion(['day', 'hour'] as const), granted: Type.Number(), used: Type.Number(), left: Type.Number() }),
  ),
  difference: Nullable(Type.Number({ description: 'platform − daka' })),
  status: literalUnion(['match', 'different', 'missing_on_platform'] as const),
});

const QuotaReply = Type.Object({
  asOf: Type.String(),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  platformTypes: Type.Array(Type.Object({ externalId: Type.String(), name: Type.String(), unit: literalUnion(['day', 'hour'] as const), leaveType: Nullable(Type.String()) })),
  unmappedLeaveTypes: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      employeeId: Type.Integer(),
      jobNumber: Type.String(),
      name: Type.String(),
      externalUserId: Nullable(Type.String()),
      status: literalUnion(['match', 'different', 'not_linked', 'error'] as const),
      error: Nullable(Type.String()),
      rows: Type.Array(QuotaRow),
    }),
  ),
});

const ImportBody = Type.Object(
  {
    items: Type.Array(Type.Object({ employeeId: Id, leaveType: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_QUOTA_IMPORT }),
    effectiveDate: Type.Optional(DateStr),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ImportReply = Type.Object({
  dryRun: Type.Boolean(),
  effectiveDate: Type.String(),
  posted: Type.Integer(),
  items: Type.Array(
    Type.Object({
      employeeId: Type.Integer(),
      leaveType: Type.String(),
      unit: Unit,
      daka: Type.Number(),
      platform: Nullable(Type.Number()),
      amount: Type.Number({ description: 'The adjustment: half days for day types' }),
      residual: Nullable(Type.Number({ description: 'What the unit step leaves unreconciled' })),
      status: literalUnion(['would_post', 'posted', 'no_difference', 'already_imported', 'missing_on_platform'] as const),
    }),
  ),
});

/** `/api/v1/connectors/:id/leave-quotas…`: WeCom 假期管理 quotas against Daka's balances (HR). */
export const leaveQuotaRoutes: FastifyPluginAsyncTypebox<{ leaveQuotas: LeaveQuotaReconciliation }> = async (app, { leaveQuotas }) => {
  const tags = ['connectors'];
  app.get(
    '/connectors/:id/leave-quotas',
    {
      schema: {
        tags,
        summary: "Daka's leave balances against WeCom's quotas (假期管理), one page of employees; one WeCom call per employee",
        params: IdParams,
        querystring: QuotaQuery,
        response: { 200: QuotaReply },
      },
    },
    async (req) => leaveQuotas.compare(actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/connectors/:id/leave-quotas/import',
    {
      schema: {
        tags,
        summary: "Takes WeCom's quotas as dated, audited balance adjustments; dryRun shows them; a repeat for the same date posts nothing twice",
        params: IdParams,
        body: ImportBody,
        response: { 200: ImportReply },
      },
    },
    async (req) => leaveQuotas.importAdjustments(actorOf(req), req.params.id, req.body),
  );
};
