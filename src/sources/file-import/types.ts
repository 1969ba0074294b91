import type { CheckinInput } from '../types.js';

/** One bad line or row; `line` is the physical line (text files) or sheet row (XLSX), 1-based. */
export interface ImportProblem {
  line: number;
  column?: string;
  message: string;
}

export interface ImportResult {
  punches: CheckinInput[];
  problems: ImportProblem[];
}
