import { DEFAULT_SHIFT_KNOB_MINUTES } from '../../../../src/shared/shift-knobs';
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
  ...DEFAULT_SHIFT_KNOB_MINUTES,
  flexOn: false,
  flex: { lateMaxMin: 30, earlyMaxMin: 30 },
};
