/**
 * The engine's view of zones: wall time ↔ instant with a per-(zone, local date) cache, R1's gap and
 * fold rules. The implementation is shared with the server edges and the web (src/shared), so a
 * wall time means the same instant everywhere; this module keeps the engine's import names.
 */
export { civilToDayIndex, dayIndexOf, dateOfDayIndex } from '../shared/civil-date.js';
export { formatOffset, isValidZone, localDayIndexOf, offsetAt, wallToMs, zoneDay, zoneTable } from '../shared/zone-time.js';
export type { ZoneDay, ZoneTable } from '../shared/zone-time.js';
export { formatHHMM, formatLocalHHMM, formatLocalIso } from '../shared/zone-wall.js';
