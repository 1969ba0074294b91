import type { InProgressJudge } from '../attendance/day-progress.js';
/** What a report builder needs, resolved once by the service (access already checked). */
import type { ReasonLocale } from '../../shared/reasons/render.js';
import type { EmployeeSelection, ReportsRepo } from './reports.repo.js';

export interface ReportContext {
  repo: ReportsRepo;
  companyId: number;
  companyName: string;
  companyCode: string;
  timeZone: string;
  /** `YYYY-MM` for month reports; daily reports cover `selection.from`..`selection.to`. */
  month: string | null;
  selection: EmployeeSelection;
  /** Employees the report covers (devices for the device report): drives progress. */
  employeeCount: number;
  departmentPath(id: number | null): string;
  /** Company, period, department and export time, for the line under the title. */
  subtitle: string;
  /** The language rule explanations are rendered in. */
  reasonLocale: ReasonLocale;
  /** Whether a stored day is still in progress now (its check-out window is open). */
  inProgress: InProgressJudge;
}
