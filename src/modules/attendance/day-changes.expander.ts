/** The outbox's expander of a recompute's day-changes rows (see day-events.ts). */
import type { OutboxExpander } from '../outbox/outbox.types.js';
import { readDayRows } from './day-announcements.repo.js';
import { dayChangesSize, expandDayChanges } from './day-events.js';

export const dayChangesExpander: OutboxExpander = {
  size: dayChangesSize,
  expand: (rows, trx) => expandDayChanges(rows, (keys) => readDayRows(trx, keys)),
};
