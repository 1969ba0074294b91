/**
 * iCalendar (RFC 5545) text: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * character), TEXT values escaped, local times with TZID and a VTIMEZONE for zones without
 * daylight saving (Asia/Shanghai and the like), else UTC. Pure: no I/O.
 */
import { offsetMinutesAt } from '../../shared/time.js';

export interface IcsEvent {
  uid: string;
  sequence: number;
  summary: string;
  description?: string;
  /** All-day: `YYYY-MM-DD` (end exclusive). */
  date?: { start: string; end: string };
  /** Timed: epoch ms. */
  time?: { startMs: number; endMs: number };
  categories?: string;
}

export interface IcsCalendar {
  name: string;
  zone: string;
  stampMs: number;
  events: IcsEvent[];
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds one content line at 75 octets: CRLF followed by a space starts each continuation. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; continuations hold 74 after their leading space.
    if (octets + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const utcStamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
};
const dateValue = (d: string) => d.replace(/-/g, '');

/** Whether the zone keeps one offset through the years around `ms` (then a fixed VTIMEZONE is exact). */
function fixedOffsetMinutes(zone: string, ms: number): number | null {
  const year = 365 * 86_400_000;
  const probes = [-2, -1.5, -1, -0.5, 0, 0.25, 0.5, 0.75, 1, 1.5].map((k) => offsetMinutesAt(zone, ms + k * year));
  return probes.every((p) => p === probes[0]) ? probes[0] : null;
}

function localStamp(ms: number, offsetMin: number): string {
  return utcStamp(ms + offsetMin * 60_000).slice(0, -1);
}

export function renderCalendar(cal: IcsCalendar): string {
  const offset = fixedOffsetMinutes(cal.zone, cal.stampMs);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Daka//Attendance calendar feed//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(cal.name)}`];
  if (offset !== null) {
    lines.push(`X-WR-TIMEZONE:${cal.zone}`);
    const sign = offset >= 0 ? '+' : '-';
    const abs = Math.abs(offset);
    const tz = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
    lines.push('BEGIN:VTIMEZONE', `TZID:${cal.zone}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${tz}`, `TZOFFSETTO:${tz}`, 'END:STANDARD', 'END:VTIMEZONE');
  }
  for (const e of cal.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(cal.stampMs)}`, `SEQUENCE:${e.sequence}`);
    if (e.date) lines.push(`DTSTART;VALUE=DATE:${dateValue(e.date.start)}`, `DTEND;VALUE=DATE:${dateValue(e.date.end)}`, 'TRANSP:TRANSPARENT');
    else if (e.time && offset !== null) lines.push(`DTSTART;TZID=${cal.zone}:${localStamp(e.time.startMs, offset)}`, `DTEND;TZID=${cal.zone}:${localStamp(e.time.endMs, offset)}`);
    else if (e.time) lines.push(`DTSTART:${utcStamp(e.time.startMs)}`, `DTEND:${utcStamp(e.time.endMs)}`);
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories) lines.push(`CATEGORIES:${escapeText(e.categories)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
