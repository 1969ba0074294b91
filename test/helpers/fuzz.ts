/**
 * Property-based requests for every operation of the OpenAPI document: values drawn from each
 * parameter's and body's schema, mixed with boundary values (huge and negative numbers, far dates,
 * empty and very long strings, rare CJK, NUL, extra fields, deep nesting). Shared by the bounded
 * run in the test suite and the long run in bench/fuzz.ts.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { TestApp, RoleName } from './test-app.js';

type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: Schema }[];
  body: Schema | null;
  mutation: boolean;
  /** The declared JSON body of each success status, checked against every such answer. */
  responses: Record<string, ValidateFunction>;
}

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });

/** OpenAPI 3.0's `nullable: true` as JSON Schema (`anyOf` with null), which Ajv checks alike for enums. */
function jsonSchemaOf(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'nullable' ? v : jsonSchemaOf(v);
  if (out.nullable !== true) return out;
  const { nullable: _, description, ...rest } = out;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

export interface FuzzRequest {
  method: string;
  url: string;
  payload?: string;
  headers: Record<string, string>;
}

export interface FuzzOutcome {
  op: Operation;
  role: RoleName;
  request: FuzzRequest;
  status: number;
  ms: number;
  problem: string | null;
}

const FAR_DATES = ['9999-12-31', '0000-01-01', '1969-12-31', '2200-01-01', '+010000-01-01', '2026-02-30'];
const STRINGS = ['', 'x'.repeat(5000), '𠮷野家', 'a\u0000b', '研发部', 'E001', '../../etc/passwd', '<script>', "' or 1=1 --", '%00', '\u202e'];
const NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 53, 2 ** 64, 1e308, -1e308, 0.5, 253402300799000];

/** A deep JSON value: thousands of nested arrays. */
export const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function arbFor(schema: Schema | undefined, ctx: { companyId: number; depth: number }): fc.Arbitrary<unknown> {
  if (!schema || ctx.depth > 6) return fc.constantFrom(null, 1, 'x', [], {});
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s: Schema) => arbFor(s, inner)), fc.constant('bogus'));
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: fc.constant('bogus') });
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.constant('bogus') });
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const lo = typeof schema.minimum === 'number' ? Math.max(schema.minimum, -1e6) : -1e6;
      const hi = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e6) : 1e6;
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(ctx.companyId, 1, 2, 3) },
        { weight: 2, arbitrary: fc.integer({ min: Math.ceil(Math.min(lo, hi)), max: Math.floor(Math.max(lo, hi)) }) },
        { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
      );
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constant('yes'));
    case 'string': {
      if (schema.format === 'date') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('2026-03-02', '2026-03-31', '1970-01-01', '2199-12-31') }, { weight: 2, arbitrary: fc.constantFrom(...FAR_DATES) });
      if (schema.format === 'month') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('2026-03', '1970-01', '2199-12') }, { weight: 2, arbitrary: fc.constantFrom('9999-12', '0000-00', '2026-13') });
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
        { weight: 1, arbitrary: fc.constantFrom('2026-03-02T08:55:00+08:00', '9999-12-31T08:00:00+08:00', '09:00', '2026-03', '9999-12-31') },
      );
    }
    case 'array':
      return fc.array(arbFor(schema.items, inner), { maxLength: 3 });
    case 'object': {
      const props = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of props) record[k] = arbFor(s, inner);
      const required = new Set<string>(schema.required ?? []);
      return fc
        .tuple(
          fc.record(record, { requiredKeys: [] }),
          fc.boolean(),
          fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('extra', 'deep') }),
        )
        .map(([value, fillRequired, extra]) => {
          const out = { ...(value as Record<string, unknown>) };
          // Half of the time every required field is present, so requests get past the first check.
          if (fillRequired) for (const k of required) if (!(k in out)) out[k] = k === 'companyId' ? ctx.companyId : 'x';
          if (extra === 'extra') out.zzUnknownField = 1;
          if (extra === 'deep') out.zzDeep = JSON.parse(deepJson(40));
          return out;
        });
    }
    default:
      return fc.oneof(fc.constantFrom(null, 1, 'x', true), fc.constant({ a: [1, { b: '𠮷' }] }));
  }
}

/** Every operation of the OpenAPI document (auth routes excepted: they end the caller's own session). */
export function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    if (path.startsWith('/api/v1/auth/')) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params = ((op.parameters ?? []) as any[]).filter((p) => p.in === 'path' || p.in === 'query').map((p) => ({ name: p.name, in: p.in, schema: p.schema ?? {} }));
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      const responses: Record<string, ValidateFunction> = {};
      for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
        const json = r.content?.['application/json']?.schema;
        if (/^2/.test(status) && json) responses[status] = ajv.compile(jsonSchemaOf(json));
      }
      out.push({ method: method.toUpperCase(), path, params, body, mutation: method !== 'get', responses });
    }
  }
  return out;
}

/** `n` generated requests for one operation, reproducible from `seed`. */
export function requestsFor(op: Operation, companyId: number, n: number, seed: number): FuzzRequest[] {
  const ctx = { companyId, depth: 0 };
  const pathArb = fc.record(Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, fc.oneof({ weight: 3, arbitrary: arbFor(p.schema, ctx) }, { weight: 1, arbitrary: fc.constantFrom('abc', '-1', '1e400', 'NaN', '%E0%A4%A', '9'.repeat(30)) })])));
  const queryArb = fc.record(Object.fromEntries(op.params.filter((p) => p.in === 'query').map((p) => [p.name, arbFor(p.schema, ctx)])), { requiredKeys: [] });
  const bodyArb = op.body ? fc.oneof({ weight: 8, arbitrary: arbFor(op.body, ctx).map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: fc.constantFrom(deepJson(5000), '{}', '{"a":', '') }) : fc.constant(undefined);
  const all = fc.tuple(pathArb, queryArb, bodyArb, fc.constantFrom('', 'extra'));
  return fc.sample(all, { numRuns: n, seed }).map(([pathValues, query, payload, extraQuery]) => {
    let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = (pathValues as Record<string, unknown>)[name];
      return typeof v === 'string' && /^%|^[-\w.]+$/.test(v) ? v : encodeURIComponent(String(v));
    });
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) qs.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
    if (extraQuery) qs.append('zzExtra', '𠮷');
    const text = qs.toString();
    if (text) url += `?${text}`;
    const headers: Record<string, string> = payload !== undefined ? { 'content-type': 'application/json' } : {};
    return { method: op.method, url, ...(payload !== undefined ? { payload } : {}), headers };
  });
}

/** Row count and newest `updated_at_ms` of every table: one query, cheap enough to take around every write. */
export async function fingerprinter(db: Kysely<any>, dialect: 'sqlite' | 'postgres', schema: string | null): Promise<() => Promise<string>> {
  const tables = (await db.introspection.getTables()).filter((t) => (dialect === 'sqlite' ? true : t.schema === (schema ?? 'public')) && !t.name.startsWith('kysely_'));
  const parts = tables.map((t) => {
    const hasUpdated = t.columns.some((c) => c.name === 'updated_at_ms');
    return `select '${t.name}' as t, cast(count(*) as text) as n, ${hasUpdated ? 'cast(max(updated_at_ms) as text)' : 'null'} as m from "${t.name}"`;
  });
  const query = sql.raw(parts.join(' union all '));
  return async () => JSON.stringify((await query.execute(db)).rows);
}

/** Runs the requests as one role; every answer checked for status, error shape and writes on 4xx. */
export async function runAs(t: TestApp, role: RoleName, op: Operation, requests: FuzzRequest[], fingerprint: () => Promise<string>): Promise<FuzzOutcome[]> {
  const out: FuzzOutcome[] = [];
  const caller = t.as(role);
  for (const request of requests) {
    const before = op.mutation ? await fingerprint() : '';
    const started = performance.now();
    const res = await caller.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
    const ms = performance.now() - started;
    let problem: string | null = null;
    if (res.statusCode >= 500) problem = `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
    else if (res.statusCode < 300) {
      const validate = op.responses[String(res.statusCode)];
      if (!validate && Object.keys(op.responses).length) problem = `answered ${res.statusCode}, a status it does not declare`;
      else if (validate) {
        let body: unknown;
        try {
          body = res.json();
        } catch {
          body = Symbol('not JSON');
        }
        if (!validate(body)) problem = `answer not as declared: ${ajv.errorsText(validate.errors).slice(0, 300)}`;
      }
    } else if (res.statusCode >= 400) {
      let body: any = null;
      try {
        body = res.json();
      } catch {
        /* checked below */
      }
      // Device endpoints answer in the firmware's own text protocol; everything else in the JSON shape.
      const deviceRoute = /^\/(iclock|isapi)\//.test(request.url);
      if (!deviceRoute && (!body || typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')) problem = `no error shape: ${res.body.slice(0, 200)}`;
      else if (op.mutation && (await fingerprint()) !== before) problem = `wrote on ${res.statusCode} ${body?.error?.code ?? res.body.slice(0, 60)}`;
    }
    out.push({ op, role, request, status: res.statusCode, ms, problem });
  }
  return out;
}

/** Polls `/healthz` every `everyMs` on the same app while the run goes on; returns the latencies. */
export function healthProbe(t: TestApp, everyMs = 50): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      times.push(res.statusCode === 200 ? performance.now() - started : Infinity);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
