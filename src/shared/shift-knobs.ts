/**
 * The minute knobs of the RULES.md example shift: what the server fills in for a shift created
 * without them, and what the web form offers for a new one.
 */
export const DEFAULT_SHIFT_KNOB_MINUTES = {
  graceLateMin: 5,
  graceEarlyMin: 5,
  seriousLateMin: 30,
  absenteeismLateMin: 120,
  checkInEarliestMin: 120,
  checkOutLatestMin: 360,
  halfDayBelowMin: 240,
  absentBelowMin: 120,
} as const;
