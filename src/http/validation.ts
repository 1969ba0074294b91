/**
 * Request validation. Bodies are validated strictly: wrong types are errors and unknown
 * fields are rejected, never stripped. Query strings and path params are text on the
 * wire, so only they are coerced to the declared types.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isSupportedDate, isSupportedInstant, isSupportedMonth } from '../shared/bounds.js';

// ajv-formats ships CommonJS with a default export object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
const strictAjv = new Ajv({ ...base, coerceTypes: false });
const coercingAjv = new Ajv({ ...base, coerceTypes: 'array' });
for (const ajv of [strictAjv, coercingAjv]) {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  // A real calendar date (2026-02-30 matches the pattern but is not a day) inside the supported
  // window; months and epoch-ms instants likewise. See shared/bounds.ts.
  ajv.addFormat('date', { type: 'string', validate: isSupportedDate });
  ajv.addFormat('month', { type: 'string', validate: isSupportedMonth });
  ajv.addFormat('epoch-ms', { type: 'number', validate: isSupportedInstant });
}

/**
 * Each schema is compiled when its route is first called: the app has hundreds of routes and
 * compiling them all up front took seconds of every start, while a process (a CLI command, a
 * test) calls few of them. Every schema is still compiled and exercised by the API tests.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= ajv.compile(boundNumbers(schema));
    const valid = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate as ReturnType<FastifySchemaCompiler<unknown>>;
};

/**
 * Every number a client sends is finite and exact: a schema number without its own bounds gets
 * ±2^53−1, so `?page=1e300` or an id of 2^64 is a 400 here instead of a database overflow later.
 */
export function boundNumbers(schema: unknown): object {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    if (out.type === 'integer' || out.type === 'number') {
      if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = Number.MAX_SAFE_INTEGER;
      if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -Number.MAX_SAFE_INTEGER;
    }
    return out;
  };
  return walk(schema) as object;
}
