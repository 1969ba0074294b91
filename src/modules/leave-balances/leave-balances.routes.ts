import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/request-actor.js';
import { AppError } from '../../shared/errors.js';
import type { LeaveBalancesService } from './leave-balances.service.js';
import { runAccruals, syncOvertimeCredits } from './leave-runs.js';
import { importBalances } from './balance-import.js';
import {
  Adjustment,
  ImportBody,
  ImportReply,
  BalanceQuery,
  Balances,
  CompensationBody,
  CompensationParams,
  CompensationReply,
  CreditsBody,
  Ledger,
  LedgerEntryDto,
  LedgerParams,
  LedgerQuery,
  PriceBody,
  PriceReply,
  RulesBody,
  RulesList,
  RulesParams,
  RulesQuery,
  RulesReply,
  RunBody,
  RunReply,
} from './leave-balances.schemas.js';

/** At most this many days of overtime are credited in one call. */
const MAX_CREDIT_DAYS = 366;

export const leaveBalancesRoutes: FastifyPluginAsyncTypebox<{ leaveBalances: LeaveBalancesService }> = async (app, { leaveBalances: svc }) => {
  const tags = ['leave-balances'];
  app.get(
    '/leave-balances',
    { schema: { tags, description: 'Balances per employee and tracked leave type at asOf (default today): employees see their own, managers their team, HR everyone', querystring: BalanceQuery, response: { 200: Balances } } },
    async (req) => svc.balances(actorOf(req), req.query),
  );
  app.get('/leave-balances/:employeeId/ledger', { schema: { tags, params: LedgerParams, querystring: LedgerQuery, response: { 200: Ledger } } }, async (req) =>
    svc.ledger(actorOf(req), req.params.employeeId, req.query),
  );
  app.post('/leave-balances/adjustments', { schema: { tags, description: 'A manual ledger entry (HR), dated, with a reason; audited', body: Adjustment, response: { 201: LedgerEntryDto } } }, async (req, reply) => {
    reply.status(201);
    return svc.adjust(actorOf(req), req.body);
  });
  app.post('/leave-balances/price', { schema: { tags, description: 'What a leave request would cost from the schedule, and whether the balance covers it', body: PriceBody, response: { 200: PriceReply } } }, async (req) =>
    svc.price(actorOf(req), req.body),
  );
  app.get('/leave-balances/rules', { schema: { tags, description: 'Every active leave type with its balance rules (null: keeps no balance)', querystring: RulesQuery, response: { 200: RulesList } } }, async (req) =>
    svc.rules(actorOf(req), req.query.companyId),
  );
  app.put('/leave-types/:code/balance-rules', { schema: { tags, description: 'Accrual, carry-over, expiry and negative-balance rules of a leave type; null stops tracking', params: RulesParams, body: RulesBody, response: { 200: RulesReply } } }, async (req) =>
    svc.setRules(actorOf(req), req.body.companyId, req.params.code, req.body.rules),
  );
  app.post(
    '/leave-balances/runs',
    { schema: { tags, description: 'Posts the grants, accruals, carry-overs and expiries due on runDate (default today); dryRun previews. Idempotent.', body: RunBody, response: { 200: RunReply } } },
    async (req) => {
      const actor = actorOf(req);
      svc.assertHr(actor, req.body.companyId);
      return runAccruals(svc, actor, req.body.companyId, req.body.runDate ?? (await svc.today(req.body.companyId)), req.body.dryRun ?? false);
    },
  );
  app.post(
    '/leave-balances/overtime-credits',
    { schema: { tags, description: 'Credits 调休 hours for overtime in [fromDate, toDate] per each group policy; re-runs post only differences', body: CreditsBody, response: { 200: RunReply } } },
    async (req) => {
      const actor = actorOf(req);
      svc.assertHr(actor, req.body.companyId);
      const { fromDate, toDate } = req.body;
      const span = (Date.parse(toDate) - Date.parse(fromDate)) / 86_400_000;
      if (!(span >= 0 && span < MAX_CREDIT_DAYS)) throw new AppError('RANGE_TOO_LONG', `fromDate..toDate must be 1 to ${MAX_CREDIT_DAYS} days`, 400, { field: 'body.toDate' });
      return syncOvertimeCredits(svc, actor, req.body.companyId, fromDate, toDate, req.body.dryRun ?? false);
    },
  );
  app.post(
    '/leave-balances/import',
    { schema: { tags, description: 'Opening balances from CSV or XLSX; dryRun reports problems by line and posts nothing; all rows or none; re-importing posts nothing twice', body: ImportBody, response: { 200: ImportReply } } },
    async (req) => importBalances(svc, actorOf(req), req.body.companyId, req.body.filename, Buffer.from(req.body.contentBase64, 'base64'), req.body.dryRun ?? false),
  );
  app.get('/attendance-groups/:groupId/overtime-compensation', { schema: { tags, params: CompensationParams, response: { 200: CompensationReply } } }, async (req) => svc.compensation(actorOf(req), req.params.groupId));
  app.put(
    '/attendance-groups/:groupId/overtime-compensation',
    { schema: { tags, description: 'Per category (workday, rest day, holiday) whether approved overtime is paid or credited as 调休 hours', params: CompensationParams, body: CompensationBody, response: { 200: CompensationReply } } },
    async (req) => svc.setCompensation(actorOf(req), req.params.groupId, req.body),
  );
};
