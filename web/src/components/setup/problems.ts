import { ApiError } from '../../api/client';
import { fieldProblems } from '../../api/errors';

/**
 * The server says THRESHOLD_ORDER for several pairs of thresholds; the field it names tells
 * which pair, so the sentence under the field can say exactly what is out of order.
 */
const REFINED: [RegExp, string][] = [
  [/\.seriousLateMin$/, 'THRESHOLD_ORDER_SERIOUS_LATE'],
  [/\.absentBelowMin$/, 'THRESHOLD_ORDER_ABSENT_BELOW'],
  [/\.capMin$/, 'THRESHOLD_ORDER_CAP'],
];

export function refineProblems(err: unknown): unknown {
  const problems = fieldProblems(err);
  if (!(err instanceof ApiError) || !problems.some((p) => p.code === 'THRESHOLD_ORDER')) return err;
  const refined = problems.map((p) => {
    if (p.code !== 'THRESHOLD_ORDER') return p;
    const hit = REFINED.find(([re]) => re.test(p.path));
    return hit ? { ...p, code: hit[1] } : p;
  });
  return new ApiError(err.status, err.code, err.message, { ...(err.details as object), problems: refined });
}
