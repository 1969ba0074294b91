/** Small time helpers for the edges (validation, display). The engine has its own hot-path code. */
const zoneCache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}
