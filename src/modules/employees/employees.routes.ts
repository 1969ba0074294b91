import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { contentDisposition } from '../reports/reports.routes.js';
import type { EmployeeImportService } from './employee-import.service.js';
import { TEMPLATE_FILENAME, importTemplateCsv } from './employee-import.template.js';
import { Employee, EmployeeCreate, EmployeeDeactivate, EmployeePatch, EmployeeQuery, ImportBody, ImportQuery, ImportResult } from './employees.schemas.js';
import type { EmployeesService } from './employees.service.js';

export const employeesRoutes: FastifyPluginAsyncTypebox<{ employees: EmployeesService; employeeImport: EmployeeImportService }> = async (app, { employees, employeeImport }) => {
  const tags = ['employees'];
  app.get('/employees', { schema: { tags, querystring: EmployeeQuery, response: { 200: Paged(Employee) } } }, async (req) => employees.list(actorOf(req), req.query));
  app.get('/employees/:id', { schema: { tags, params: IdParams, response: { 200: Employee } } }, async (req) => employees.get(actorOf(req), req.params.id));
  app.post('/employees', { schema: { tags, body: EmployeeCreate, response: { 201: Employee } } }, async (req, reply) => {
    reply.status(201);
    return employees.create(actorOf(req), req.body);
  });
  app.patch('/employees/:id', { schema: { tags, params: IdParams, body: EmployeePatch, response: { 200: Employee } } }, async (req) =>
    employees.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/employees/:id/deactivate',
    {
      schema: { tags, params: IdParams, body: EmployeeDeactivate, response: { 200: Employee } },
      // The body is optional: a bare POST deactivates as of today.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req) => employees.deactivate(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/employees/import',
    {
      schema: {
        tags,
        description:
          'Upserts employees by job number from a CSV (UTF-8 or GBK) or XLSX file. dryRun (the default) only reports; a real run applies all rows or none. ' +
          'A department is a code, a path (研发中心/后端组) or a unique name; an unknown or ambiguous one is a row problem unless createDepartments is set.',
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: ImportResult },
      },
    },
    async (req) => employeeImport.run(actorOf(req), req.query.companyId, req.body, req.query.dryRun ?? true),
  );
  app.get(
    '/employees/import-template',
    {
      schema: {
        tags,
        description: 'A CSV with every column the employee import reads (Chinese headers) and one example row.',
        response: { 200: { description: 'The CSV template', content: { 'text/csv': { schema: { type: 'string' } } } } },
      },
    },
    async (req, reply) => {
      actorOf(req);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(TEMPLATE_FILENAME))
        .header('cache-control', 'no-store')
        .send(importTemplateCsv());
    },
  );
};
