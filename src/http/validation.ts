/**
 * Request validation. Bodies are validated strictly: wrong types are errors and unknown
 * fields are rejected, never stripped. Query strings and path params are text on the
 * wire, so only they are coerced to the declared types.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isRealDate } from './paging.js';

// ajv-formats ships CommonJS with a default export object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
const strictAjv = new Ajv({ ...base, coerceTypes: false });
const coercingAjv = new Ajv({ ...base, coerceTypes: 'array' });
for (const ajv of [strictAjv, coercingAjv]) {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  // A real calendar date: 2026-02-30 matches the pattern but is not a day.
  ajv.addFormat('date', { type: 'string', validate: isRealDate });
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
