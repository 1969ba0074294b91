/**
 * A report as every writer sees it: a title, typed columns and rows arriving in chunks. The writers
 * (XLSX, CSV, PDF) know nothing about attendance; the builders know nothing about file formats.
 */
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  /** Width in characters (XLSX) and a relative weight (PDF). */
  width: number;
  kind: 'text' | 'number' | 'symbol';
  /** A sub-header under the header (e.g. the weekday under a day of the month). */
  sub?: string;
}

export interface ReportTable {
  /** File title and first line of the PDF, e.g. `某公司 2026年10月 月度考勤汇总`. */
  title: string;
  /** Short secondary line (company, period, department, generated at). */
  subtitle: string;
  sheetName: string;
  columns: ReportColumn[];
  /** Leading columns that stay in view when scrolling sideways. */
  frozenColumns: number;
  /** Number of employees the rows cover (progress reporting). */
  employeeCount: number;
  /** Row chunks; each chunk covers some employees, `employees` says how many. */
  chunks: AsyncIterable<{ rows: Cell[][]; employees: number }>;
  /** Lines written after the table. */
  legend: string[];
  /** Header on the first row, no title or legend: a file for another system to import. */
  bare?: boolean;
  /** A3 for wide tables (one column per day), A4 otherwise. */
  pdfPageSize: 'A4' | 'A3';
  /** Further small tables after the main one: a sheet each in XLSX, a titled block in CSV and PDF. */
  sections?: ReportSection[];
}

export interface ReportSection {
  title: string;
  sheetName: string;
  columns: ReportColumn[];
  rows: Cell[][];
}

export type Progress = (doneEmployees: number, totalEmployees: number) => void;

/** Every row of a table, calling `progress` after each chunk. */
export async function* rowsOf(table: ReportTable, progress?: Progress): AsyncGenerator<Cell[][]> {
  let done = 0;
  for await (const chunk of table.chunks) {
    yield chunk.rows;
    done += chunk.employees;
    progress?.(done, table.employeeCount);
  }
}
