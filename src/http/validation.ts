/**
 * Request validation. Bodies are validated strictly: wrong types are errors and unknown
 * fields are rejected, never stripped. Query strings and path params are text on the
 * wire, so only they are coerced to the declared types.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats ships CommonJS with a default export object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
const strictAjv = new Ajv({ ...base, coerceTypes: false });
const coercingAjv = new Ajv({ ...base, coerceTypes: 'array' });
for (const ajv of [strictAjv, coercingAjv]) {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
