import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { paged, pageOf } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { DashboardQuery, DayParams, DaysQuery, JobParams, MonthlyQuery, RecomputeRequest, WhatIfBody } from './attendance.schemas.js';
import { DashboardToday, DayDetail, DayList, MonthlyList, RecomputeJob, RecomputeQueued, WhatIfResult } from './attendance.responses.js';
import type { AttendanceService } from './attendance.service.js';

export const attendanceRoutes: FastifyPluginAsyncTypebox<{ attendance: AttendanceService }> = async (app, { attendance }) => {
  const tags = ['attendance'];
  app.get('/attendance/days', { schema: { tags, summary: 'Attendance days in the caller’s scope', querystring: DaysQuery, response: { 200: DayList } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await attendance.listDays(actorOf(req), req.query, p.limit, p.offset);
    return paged(items, total, p);
  });
  app.get(
    '/attendance/days/:employeeId/:date',
    { schema: { tags, summary: 'One attendance day with its punches and the rules that produced it', params: DayParams, response: { 200: DayDetail } } },
    async (req) => attendance.getDay(actorOf(req), req.params.employeeId, req.params.date),
  );
  app.get('/attendance/monthly', { schema: { tags, summary: 'Monthly report (DingTalk 月度汇总 columns) per employee', querystring: MonthlyQuery, response: { 200: MonthlyList } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await attendance.monthly(actorOf(req), req.query, p.limit, p.offset);
    return paged(items, total, p);
  });
  app.post('/attendance/recompute', { schema: { tags, summary: 'Queue a recompute of a month (company or department subtree)', body: RecomputeRequest, response: { 202: RecomputeQueued } } }, async (req, reply) => {
    reply.code(202);
    return attendance.requestRecompute(actorOf(req), req.body);
  });
  app.get('/attendance/jobs/:id', { schema: { tags, summary: 'Progress of a queued recompute', params: JobParams, response: { 200: RecomputeJob } } }, async (req) => attendance.jobStatus(actorOf(req), req.params.id));
  app.post(
    '/attendance/what-if',
    {
      schema: {
        tags,
        summary: 'Preview how draft policy / shift knobs would change a month; nothing is saved',
        description: 'draft.policy and draft.shifts[shiftTypeId] take the engine knobs (minutes since midnight, e.g. graceLateMin, restDayStartsAtMin); draft.groupId limits the policy draft to one group.',
        body: WhatIfBody,
        response: { 200: WhatIfResult },
      },
    },
    async (req) => attendance.whatIf.preview(actorOf(req), req.body),
  );
  app.get('/dashboard/today', { schema: { tags: ['dashboard'], summary: 'Today’s counts, a 30-day trend and the latest anomalies', querystring: DashboardQuery, response: { 200: DashboardToday } } }, async (req) =>
    attendance.dashboard.today(actorOf(req), req.query),
  );
};
