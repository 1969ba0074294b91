import type { Dayjs } from 'dayjs';
import { zonedIso } from '../zone-time';
import type { RequestKind } from './types';

export interface RequestFormValues {
  kind: RequestKind;
  leaveType?: string;
  fromDate?: [Dayjs, Dayjs];
  half?: 'am' | 'pm' | 'none';
  /** Hourly leave: its window on the leave date (the server derives the hours). */
  leaveWindow?: [Dayjs, Dayjs] | null;
  overtimeDate?: Dayjs;
  toMs?: [Dayjs, Dayjs];
  date?: Dayjs;
  time?: Dayjs;
  reason?: string;
}

/**
 * The body of POST /requests for the request form. Overtime and 补卡 times are wall times in the
 * company's zone, sent as ISO-8601 with the offset R1 gives them; an unknown zone throws
 * UnknownZoneError instead of sending them as UTC.
 */
export function requestBody(v: RequestFormValues, zone: string): Record<string, unknown> {
  let body: Record<string, unknown>;
  if (v.kind === 'leave') {
    const [from, to] = v.fromDate!;
    const date = from.format('YYYY-MM-DD');
    body = {
      kind: 'leave',
      leaveType: v.leaveType,
      fromDate: date,
      toDate: to.format('YYYY-MM-DD'),
      half: v.half && v.half !== 'none' && !v.leaveWindow ? v.half : null,
    };
    if (v.leaveWindow) {
      const [start, end] = v.leaveWindow;
      // An end at or before the start is on the next day (a night shift's morning).
      const endDate = end.format('HH:mm') <= start.format('HH:mm') ? from.add(1, 'day').format('YYYY-MM-DD') : date;
      body.from = zonedIso(date, start.format('HH:mm'), zone);
      body.to = zonedIso(endDate, end.format('HH:mm'), zone);
    }
  } else if (v.kind === 'overtime') {
    const date = v.overtimeDate!.format('YYYY-MM-DD');
    const [start, end] = v.toMs!;
    // An end at or before the start is on the next day (e.g. 20:00–01:00).
    const endDate = end.format('HH:mm') <= start.format('HH:mm') ? v.overtimeDate!.add(1, 'day').format('YYYY-MM-DD') : date;
    body = { kind: 'overtime', from: zonedIso(date, start.format('HH:mm'), zone), to: zonedIso(endDate, end.format('HH:mm'), zone) };
  } else {
    body = { kind: 'correction', time: zonedIso(v.date!.format('YYYY-MM-DD'), v.time!.format('HH:mm'), zone) };
  }
  if (v.reason?.trim()) body.reason = v.reason.trim();
  return body;
}
