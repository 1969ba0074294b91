import type { ShiftType } from '../../components/setup/data';

export type Knobs = Omit<ShiftType, 'id' | 'companyId' | 'code' | 'name' | 'color' | 'active'>;

export interface ShiftForm extends Knobs {
  code: string;
  name: string;
  color?: string | null;
  hasBreak: boolean;
  flexOn: boolean;
}

/** The server's defaults for a new shift (the RULES.md example), with a lunch break. */
export const NEW_SHIFT: Partial<ShiftForm> = {
  start: '09:00',
  end: '18:00',
  crossesMidnight: false,
  hasBreak: true,
  break: { start: '12:00', end: '13:00' },
  graceLateMin: 5,
  graceEarlyMin: 5,
  seriousLateMin: 30,
  absenteeismLateMin: 120,
  checkInEarliestMin: 120,
  checkOutLatestMin: 360,
  halfDayBelowMin: 240,
  absentBelowMin: 120,
  flexOn: false,
  flex: { lateMaxMin: 30, earlyMaxMin: 30 },
};
