/** AHR-1 engine: pure functions from plain values to day results (spec/RULES.md). */
export * from './types.js';
export { evaluateRange } from './evaluate-range.js';
export { parseScenario } from './scenario.js';
export { summarizeMonth, type MonthlySummary, type SummaryContext } from './summarize-month.js';
export { diffResults, type FieldChange, type ResultDiff } from './diff.js';
export { formatLocalIso, isValidZone, zoneTable, wallToMs, dayIndexOf, dateOfDayIndex } from './zone-offsets.js';
