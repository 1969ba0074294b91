/**
 * DingTalk record ids, plan ids and WeCom SpNo are 64-bit integers sent as bare JSON numbers;
 * JSON.parse would round them (2^53). This rewrites every integer literal longer than 15 digits
 * into a string before parsing, so ids survive byte-for-byte. Numbers inside strings are untouched.
 */
export function parseJsonSafe(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/**
 * Strings are matched whole (and kept) so digits inside them are never touched; a bare integer of
 * 16+ digits that is not part of a fraction or exponent gets quotes. One regex pass: a month of
 * punches is hundreds of megabytes of JSON.
 */
const LONG_INTEGER_OR_STRING = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

export function quoteLongIntegers(text: string): string {
  return text.replace(LONG_INTEGER_OR_STRING, (m) => (m.charCodeAt(0) === 34 ? m : `"${m}"`));
}

/** The inverse, for simulators: emit ids that are strings in memory as bare JSON numbers. */
const BIG = '\u0000big:';
export const bigNumber = (digits: string): string => BIG + digits;
export function stringifyWithBigNumbers(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000big:(-?\d+)"/g, '$1');
}
