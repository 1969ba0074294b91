import type { TFunction } from 'i18next';
import type { FormInstance } from 'antd';
import { ApiError } from './client';

export interface FieldProblem {
  path: string;
  message: string;
  /** Some problems carry a stable code (INVALID_EMAIL, MANAGER_CYCLE…) we can say in the user's language. */
  code?: string;
}

/** A problem in words: the localized sentence for its code, else the server's message. */
export function problemText(t: TFunction, p: { code?: string | null; message: string }): string {
  return p.code ? t(`problems.${p.code}`, { defaultValue: p.message }) : p.message;
}

/**
 * A human sentence for any error: the localized text for the server's stable code when we have
 * one, otherwise the server's own message.
 */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const vars = detailVars(err.details);
    // A sentence that can say how long to wait, when the server tells us.
    if (vars.minutes !== undefined) {
      const withWait = t(`errors.${err.code}_wait`, { defaultValue: '', ...vars });
      if (withWait) return withWait;
    }
    const translated = t(`errors.${err.code}`, { defaultValue: '', ...vars });
    if (translated) return translated;
    return err.message || t('errors.UNKNOWN');
  }
  if (err instanceof Error) return err.message;
  return t('errors.UNKNOWN');
}

/** Values some error sentences mention (`{{minutes}}` to wait after a lockout). */
function detailVars(details: unknown): Record<string, unknown> {
  if (!details || typeof details !== 'object') return {};
  const d = details as Record<string, unknown>;
  const vars: Record<string, unknown> = {};
  const seconds = [d.retryAfterSec, d.retryAfterS, d.retryAfterSeconds].find((v) => typeof v === 'number');
  if (typeof seconds === 'number' && seconds > 0) vars.minutes = Math.max(1, Math.ceil(seconds / 60));
  // A template's unknown variable, shown as it was written.
  if (typeof d.variable === 'string') vars.variable = `{{${d.variable}}}`;
  return vars;
}

/** The form field a conflict is about (`details.field`, e.g. `body.code`), if the server names one. */
export function conflictField(err: unknown): (string | number)[] | null {
  if (!(err instanceof ApiError)) return null;
  const field = (err.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? fieldName(field) : null;
}

/** `body.items[3].atMs`, `/geofence/lat` or `geofence.lat` → a form name path. */
function fieldName(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^(body|querystring|params)(?=[./]|$)/, '')
    .split(/[./]/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function fieldProblems(err: unknown): FieldProblem[] {
  if (!(err instanceof ApiError)) return [];
  const problems = (err.details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is FieldProblem => !!p && typeof p === 'object' && typeof (p as FieldProblem).path === 'string',
  );
}

/**
 * Puts validation problems next to the form fields they name (`path` is the field as sent,
 * e.g. `body.email`, `body.companyIds[0]` or `geofence.lat`); a path deeper than any field goes
 * to the closest field above it. Returns the problems no field took.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, t: TFunction): FieldProblem[] {
  const problems = fieldProblems(err);
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const leftover: FieldProblem[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const p of problems) {
    let name = fieldName(p.path);
    while (name.length && !known.has(name.join('.'))) name = name.slice(0, -1);
    if (!name.length) {
      leftover.push(p);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problemText(t, p));
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  return leftover;
}

/** Shows a message under one form field; false when the form has no such field. */
export function setFieldError(form: FormInstance, name: (string | number)[], message: string): boolean {
  const known = form.getFieldsError().some((f) => f.name.join('.') === name.join('.'));
  if (known) form.setFields([{ name, errors: [message] }]);
  return known;
}
