/**
 * Builds a value that satisfies a JSON schema of the OpenAPI document: required properties only,
 * the first branch of a union, the smallest number allowed, strings that match their pattern.
 * A hint names the value of a field where the schema alone cannot know it (ids of existing
 * objects, a time zone); every generated string is unique so that codes and names do not clash.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** A value for a named field, or undefined to let the schema decide. */
export type Hint = (name: string, schema: JsonSchema) => unknown;

/** Strings for the patterns the API uses, tried in order against the schema's own pattern. */
const PATTERN_CANDIDATES = ['https://example.com/walk', '09:00', '2026-03', '2026-03-10', '2026-03-10T09:00:00+08:00', '#1677ff', 'walk', 'A1', '1'];

export class SchemaSampler {
  private n = 0;
  constructor(private readonly hint: Hint = () => undefined) {}

  /** A fresh suffix, so two generated codes or names never collide. */
  unique(): number {
    return ++this.n;
  }

  sample(schema: JsonSchema, name = '', depth = 0): unknown {
    if (depth > 12) throw new Error(`schema of '${name}' nests too deep to sample`);
    const hinted = this.hint(name, schema);
    if (hinted !== undefined) return hinted;
    if ('const' in schema) return schema.const;
    const union = schema.anyOf ?? schema.oneOf;
    if (union) {
      const branch = union.find((b) => !isNullOnly(b)) ?? union[0];
      return this.sample(branch, name, depth + 1);
    }
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => this.sample(s, name, depth + 1)));
    if (schema.enum) return schema.enum.find((v) => v !== null) ?? null;
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type ?? (schema.properties ? 'object' : undefined)) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const key of schema.required ?? []) out[key] = this.sample(schema.properties?.[key] ?? {}, key, depth + 1);
        return out;
      }
      case 'array': {
        const count = Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? 1);
        return Array.from({ length: count }, () => this.sample(schema.items ?? {}, singular(name), depth + 1));
      }
      case 'integer':
      case 'number':
        return this.number(schema);
      case 'boolean':
        return false;
      case 'string':
        return this.string(schema, name);
      default:
        return null;
    }
  }

  private number(s: JsonSchema): number {
    let v = s.minimum ?? 1;
    if (typeof s.exclusiveMinimum === 'number') v = Math.max(v, s.exclusiveMinimum + 1);
    else if (s.exclusiveMinimum === true) v += 1;
    return s.maximum !== undefined ? Math.min(v, s.maximum) : v;
  }

  private string(s: JsonSchema, name: string): string {
    if (s.format === 'date') return '2026-03-10';
    if (s.format === 'date-time') return '2026-03-10T09:00:00+08:00';
    if (s.format === 'email') return `walk${this.unique()}@example.com`;
    if (s.format === 'uri' || s.format === 'url') return 'https://example.com/walk';
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      const fresh = `walk${this.unique()}`;
      const width = Math.max(s.minLength ?? 1, exactWidth(s.pattern) ?? 1);
      const padded = ['a', 'A', '1'].map((ch) => ch.repeat(width));
      const found = [fresh, ...PATTERN_CANDIDATES, ...padded].find((c) => re.test(c) && fitsLength(c, s));
      if (found) return found;
      throw new Error(`no sample for '${name}' matches /${s.pattern}/`);
    }
    let v = `walk-${name || 'value'}-${this.unique()}`;
    if (s.maxLength !== undefined && v.length > s.maxLength) v = `w${this.unique()}`.slice(-s.maxLength);
    while (v.length < (s.minLength ?? 0)) v += 'x';
    return v;
  }
}

function isNullOnly(s: JsonSchema): boolean {
  return s.type === 'null' || (s.enum !== undefined && s.enum.length === 1 && s.enum[0] === null);
}

/** The n of a pattern that ends in `{n}$`, as in `^[A-Za-z0-9]{43}$`. */
function exactWidth(pattern: string): number | undefined {
  const m = /\{(\d+)\}\$$/.exec(pattern);
  return m ? Number(m[1]) : undefined;
}

function fitsLength(v: string, s: JsonSchema): boolean {
  return v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
}

/** `employeeIds` → `employeeId`, so a hint for one id also fills a list of them. */
function singular(name: string): string {
  return name.endsWith('Ids') ? name.slice(0, -1) : name;
}
