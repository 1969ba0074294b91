import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/request-actor.js';
import type { RawReportParams, ReportKind } from './report-params.js';
import { CompanyQuery, MonthlyQuery, PayrollMappingBody, PayrollMappingDto, PayrollQuery, RangeQuery } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987 `filename*`,
 * which every current browser prefers.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const file = { schema: { type: 'string', format: 'binary' } };
const download = {
  200: {
    description: 'The file (XLSX, PDF or CSV, as `format` asks), streamed',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': file, 'application/pdf': file, 'text/csv': file },
  },
};

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (app, { reports }) => {
  const tags = ['reports'];

  async function stream(req: FastifyRequest, reply: FastifyReply, kind: ReportKind, query: RawReportParams) {
    const acceptLanguage = typeof req.headers['accept-language'] === 'string' ? req.headers['accept-language'] : undefined;
    const exp = await reports.export(actorOf(req), kind, { ...query, acceptLanguage });
    const body = new PassThrough();
    exp.write(body).catch((err: unknown) => {
      req.log.error({ err }, 'report export failed while streaming');
      body.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return reply
      .header('content-type', exp.contentType)
      .header('content-disposition', contentDisposition(exp.filename))
      .header('cache-control', 'no-store')
      .header('x-report-employees', String(exp.employeeCount))
      .send(body);
  }

  app.get(
    '/reports/monthly',
    { schema: { tags, summary: 'Monthly attendance sheet (月度汇总) with one symbol per day', querystring: MonthlyQuery, response: download } },
    async (req, reply) => stream(req, reply, 'monthly', req.query),
  );
  app.get(
    '/reports/daily',
    { schema: { tags, summary: 'Daily detail: one row per employee and date', querystring: RangeQuery, response: download } },
    async (req, reply) => stream(req, reply, 'daily', req.query),
  );
  app.get(
    '/reports/anomalies',
    { schema: { tags, summary: 'Late, early, missing-punch and absent days only', querystring: RangeQuery, response: download } },
    async (req, reply) => stream(req, reply, 'anomalies', req.query),
  );
  app.get(
    '/reports/payroll',
    { schema: { tags, summary: 'Monthly figures in the columns of the company payroll mapping (admin, hr)', querystring: PayrollQuery, response: download } },
    async (req, reply) => stream(req, reply, 'payroll', req.query),
  );
  app.get(
    '/reports/device-lag',
    { schema: { tags, summary: 'Per attendance machine: last upload, newest punch and how late its punches arrived (admin, hr)', querystring: RangeQuery, response: download } },
    async (req, reply) => stream(req, reply, 'device-lag', req.query),
  );
  app.get(
    '/reports/payroll-mapping',
    { schema: { tags, summary: 'The payroll column mapping of a company (the default until one is saved)', querystring: CompanyQuery, response: { 200: PayrollMappingDto } } },
    async (req) => reports.getPayrollMapping(actorOf(req), req.query.companyId),
  );
  app.put(
    '/reports/payroll-mapping',
    { schema: { tags, summary: 'Replace the payroll column mapping of a company', querystring: CompanyQuery, body: PayrollMappingBody, response: { 200: PayrollMappingDto } } },
    async (req) => reports.putPayrollMapping(actorOf(req), req.query.companyId, req.body),
  );
};
