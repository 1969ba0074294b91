/**
 * The handshake option block (`GET /iclock/cdata?options=all`, devices.md §2.3) and its reader.
 * Reply lines are LF-separated; TransFlag uses format 2 (`TransData AttLog<HT>OpLog…`) as the spec advises.
 */
import type { DeviceContext } from '../device-gateway.js';
import { currentOffsetMin } from './wall-time.js';

export const DEFAULT_TRANS_FLAG = ['AttLog', 'OpLog', 'EnrollUser', 'ChgUser'];

/** TimeZone option: whole hours when possible, else minutes (330 = +05:30; values beyond ±60 are minutes). */
export function timeZoneOptionValue(offsetMin: number): string {
  return offsetMin % 60 === 0 ? String(offsetMin / 60) : String(offsetMin);
}

/** Inverse of timeZoneOptionValue, as firmware reads it. */
export function timeZoneOptionMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) return 0;
  return Math.abs(n) > 60 ? n : n * 60;
}

export function buildHandshakeReply(ctx: DeviceContext, nowMs: number): string {
  const o = ctx.pushOptions;
  const lines = [
    `GET OPTION FROM: ${ctx.sn}`,
    `ATTLOGStamp=${ctx.stamps.attlog || '0'}`,
    `OPERLOGStamp=${ctx.stamps.operlog || '0'}`,
    `ATTPHOTOStamp=${ctx.stamps.photo || '0'}`,
    ...(ctx.stamps.biodata ? [`BIODATAStamp=${ctx.stamps.biodata}`] : []),
    `ErrorDelay=${o.errorDelaySec ?? 30}`,
    `Delay=${o.delaySec ?? 10}`,
    `TransTimes=${o.transTimes ?? '00:00;14:05'}`,
    `TransInterval=${o.transIntervalMin ?? 1}`,
    `TransFlag=TransData ${(o.transFlag ?? DEFAULT_TRANS_FLAG).join('\t')}`,
  ];
  // Only a confirmed zone is sent: TimeZone moves the device clock (the +2:30 report, devices.md P5).
  if (o.sendTimeZone) lines.push(`TimeZone=${timeZoneOptionValue(currentOffsetMin(ctx.timeZone, nowMs))}`);
  lines.push(`Realtime=${o.realtime === false ? 0 : 1}`, 'Encrypt=None');
  // Below 2.4.0 so firmware never starts the RSA/RC4 exchange the hub does not implement.
  lines.push('ServerVer=2.2.14', 'PushProtVer=2.2.14', 'PushOptionsFlag=1');
  for (const [k, v] of Object.entries(o.extra ?? {})) lines.push(`${k}=${v}`);
  return lines.join('\n') + '\n';
}

export interface HandshakeOptions {
  sn: string;
  options: Record<string, string>;
}

/** Read an option block as a device does (LF or CRLF); null if the first line is wrong. */
export function parseHandshakeReply(text: string): HandshakeOptions | null {
  const lines = text.split(/\r?\n/);
  const head = /^GET OPTION FROM:\s*(\S+)\s*$/.exec(lines[0] ?? '');
  if (!head) return null;
  const options: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const eq = line.indexOf('=');
    if (eq > 0) options[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return { sn: head[1], options };
}

/** `table=options` body: `key=value,key=value,…` (also tolerates newlines). */
export function parseKeyValueList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[,\r\n]+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
