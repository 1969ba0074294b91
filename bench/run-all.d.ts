/** Types of bench/run-all.js (plain JavaScript so `npm run bench` needs no compiler to start). */
export const BENCHMARKS: Record<string, string[]>;
export const HELPERS: string[];
export function targetVerdicts(result: unknown): { target: string; met: boolean | null }[];
export function parseOutput(stdout: string): Record<string, unknown> | null;
