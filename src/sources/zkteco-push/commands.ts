/**
 * Server → device commands (`C:<id>:<cmd>` on getrequest) and the device's results
 * (`ID=…&Return=…&CMD=…` on devicecmd), devices.md §2.8–2.9. Use DATA UPDATE/DELETE USERINFO:
 * real devices reject the `USER ADD` syntax of third-party documents with -1002 (P12).
 */
import type { CommandResult } from '../device-gateway.js';

/** Tabs and line breaks would split the command; strip them from values. */
const clean = (v: string | number | undefined | null) => String(v ?? '').replace(/[\t\r\n]/g, ' ');

export interface DeviceUser {
  pin: string;
  name?: string;
  /** 0 normal, 2 enroller, 6 admin, 14 super admin. */
  privilege?: number;
  password?: string;
  card?: string;
  group?: number;
}

export function buildUpdateUser(u: DeviceUser): string {
  return (
    `DATA UPDATE USERINFO PIN=${clean(u.pin)}\tName=${clean(u.name)}\tPri=${u.privilege ?? 0}\tPasswd=${clean(u.password)}` +
    `\tCard=${clean(u.card)}\tGrp=${u.group ?? 1}\tTZ=0000000000000000\tVerify=-1\tViceCard=`
  );
}

export function buildDeleteUser(pin: string): string {
  return `DATA DELETE USERINFO PIN=${clean(pin)}`;
}

/** Ask the device to re-upload a window; records arrive as ordinary (duplicate-safe) ATTLOG posts. */
export function buildQueryAttlog(startWall: string, endWall: string): string {
  return `DATA QUERY ATTLOG StartTime=${clean(startWall)}\tEndTime=${clean(endWall)}`;
}

/** Record count in a window: the reconciliation check (`AttlogSum=` in the result). */
export function buildVerifySumAttlog(startWall: string, endWall: string): string {
  return `VERIFY SUM ATTLOG StartTime=${clean(startWall)}\tEndTime=${clean(endWall)}`;
}

export const buildReboot = () => 'REBOOT';
export const buildCheck = () => 'CHECK';
export const buildInfo = () => 'INFO';
export const buildSetOption = (key: string, value: string | number) => `SET OPTION ${clean(key)}=${clean(value)}`;
export const buildReloadOptions = () => 'RELOAD OPTIONS';

/**
 * Clock sync. Devices set their clock from the reply's `Date` header plus the `TimeZone` option at
 * handshake (devices.md §3); push has no documented "set date-time" command. So: set TimeZone, then
 * REBOOT to force a fresh handshake (it is undocumented whether RELOAD OPTIONS re-applies it, §13).
 */
export function buildClockSync(timeZoneOption: string): string[] {
  return [buildSetOption('TimeZone', timeZoneOption), buildReboot()];
}

/** Render queued commands as a getrequest reply body. */
export function renderCommands(cmds: readonly { id: number | string; text: string }[]): string {
  let out = '';
  for (const c of cmds) out += `C:${c.id}:${c.text}\n`;
  return out;
}

/** Parse `C:<id>:<cmd>` lines (the device side; used by the simulator). */
export function parseCommandLines(text: string): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('C:')) continue;
    const colon = line.indexOf(':', 2);
    if (colon < 0) continue;
    out.push({ id: line.slice(2, colon), text: line.slice(colon + 1) });
  }
  return out;
}

function parseAmpLine(line: string, into: Record<string, string>): void {
  for (const part of line.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) into[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
}

/**
 * Results: one per `ID=` line, several per POST; a line without `ID=` continues the previous
 * result (INFO key=value lines, Shell output). Keys are case-insensitive (Security PUSH writes `return=`).
 * Fields are returned with lowercase keys.
 */
export function parseCommandResults(text: string): CommandResult[] {
  const out: CommandResult[] = [];
  let cur: { fields: Record<string, string>; raw: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    const f = cur.fields;
    const rc = Number(f['return']);
    out.push({ id: f['id'] ?? '', returnCode: Number.isFinite(rc) && f['return'] !== '' ? rc : NaN, cmd: f['cmd'] ?? '', fields: f, raw: cur.raw.join('\n') });
    cur = null;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^id=/i.test(line)) {
      flush();
      cur = { fields: {}, raw: [line] };
      parseAmpLine(line, cur.fields);
    } else if (cur) {
      cur.raw.push(line);
      // Multi-line forms put one key=value per line; the value is everything after the first '='
      // (Shell output may itself contain '&' and '=').
      const eq = line.indexOf('=');
      if (eq > 0) cur.fields[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1);
    }
  }
  flush();
  return out;
}

/** Security PUSH and PutFile report record counts as positive codes (P23): only negatives fail. */
export const commandSucceeded = (r: Pick<CommandResult, 'returnCode'>) => Number.isFinite(r.returnCode) && r.returnCode >= 0;
