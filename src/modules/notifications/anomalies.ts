/**
 * Which anomalies a day result shows, and which of them are new in a recomputation. Pure. A day
 * is recomputed whenever any input changes (a late punch, a leave, a roster edit), so only what
 * `after` shows and `before` did not is news: recomputing an unchanged late day says nothing.
 */
import type { DayResultFields } from '../outbox/event-payloads.js';

export const ANOMALY_KINDS = ['late', 'serious_late', 'early', 'absent', 'missing_punch', 'leave_punch'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Reason codes that explain each anomaly, in the order a message quotes them. */
const EXPLAINED_BY: Record<AnomalyKind, readonly string[]> = {
  late: ['late'],
  serious_late: ['late', 'seriousLate', 'absenteeismLate'],
  early: ['early', 'freeShort'],
  absent: ['statusAbsent', 'statusNoPunch'],
  missing_punch: ['noPunch', 'singleIn', 'singleOut', 'clusterIn', 'clusterOut', 'pairsOdd', 'freeNoPunch', 'freeSingle', 'freeCluster', 'statusMissing', 'freeStatusMissing'],
  leave_punch: ['punchesOnLeave'],
};

export function anomaliesOf(f: DayResultFields): AnomalyKind[] {
  const out: AnomalyKind[] = [];
  if (f.lateLevel === 'serious' || f.lateLevel === 'absenteeism') out.push('serious_late');
  else if (f.late) out.push('late');
  if (f.early) out.push('early');
  // An absent day also lacks punches: the one message says absent.
  if (f.status === 'absent') out.push('absent');
  else if (f.missingIn || f.missingOut) out.push('missing_punch');
  if (f.reasons.some((r) => r.code === 'punchesOnLeave')) out.push('leave_punch');
  return out;
}

/** Anomalies `after` shows that `before` did not (all of them for a first result). */
export function newAnomalies(before: DayResultFields | null, after: DayResultFields): AnomalyKind[] {
  const had = new Set(before ? anomaliesOf(before) : []);
  return anomaliesOf(after).filter((k) => !had.has(k));
}

/** The engine's reasons behind one anomaly, as stored on the day. */
export function reasonsFor(kind: AnomalyKind, f: DayResultFields): { code: string; params: Record<string, unknown> }[] {
  const codes = EXPLAINED_BY[kind];
  return f.reasons.filter((r) => codes.includes(r.code)).slice(0, 3);
}
