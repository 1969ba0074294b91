/**
 * Today's date in a zone, without the Temporal polyfill: the date of an instant needs no wall-time
 * rules (no gaps or folds), and Intl knows the zones. Kept apart from zone-time.ts so the phone's
 * home page, which needs only this, does not load the polyfill.
 */

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Today's date (`YYYY-MM-DD`) in a zone. It only decides what the calendar shows as today, so an
 * unknown zone falls back to the browser's own date rather than failing the page.
 */
export function todayIn(timeZone: string, nowMs = Date.now()): string {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      const d = new Date(nowMs);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }
    formats.set(timeZone, format);
  }
  const part = (type: string) => format.formatToParts(nowMs).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
