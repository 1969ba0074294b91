import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errors';

/**
 * Request and attendance rule errors carry their limits in `details` (quota, deadline); the
 * sentence says them in the user's language. The returned error keeps the status, the field the
 * server named and the details, so forms still put it under the right field.
 */
export function withRuleSentence(t: TFunction, err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const details = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>;
  const sentence = t(`attendanceErrors.${err.code}`, { defaultValue: '', ...details });
  if (!sentence) return err;
  return new ApiError(err.status, 'ATTENDANCE_RULE', sentence, err.details);
}

/** A sentence for any attendance/request error. */
export function ruleErrorText(t: TFunction, err: unknown): string {
  return errorText(t, withRuleSentence(t, err));
}
