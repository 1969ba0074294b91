/**
 * Pure helpers between device rows and the wire layer's DeviceContext: zone fallback, JSON
 * columns, charset, allowed-IP matching. No I/O here.
 */
import { isIP } from 'node:net';
import type { DeviceContext, PushOptions, StatusMap } from '../../sources/device-gateway.js';
import type { NewRow, RowPatch } from '../../db/schema.js';
import type { DeviceRow, DeviceWithZones } from './devices.repo.js';

/** Where every company Daka serves starts; a pending device has no company to inherit a zone from. */
export const DEFAULT_DEVICE_ZONE = 'Asia/Shanghai';
export const INITIAL_STAMPS = JSON.stringify({ attlog: '0', operlog: '0', photo: '0' });

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function deviceZone(row: Pick<DeviceWithZones, 'time_zone' | 'site_time_zone' | 'company_time_zone'>): string {
  return row.time_zone ?? row.site_time_zone ?? row.company_time_zone ?? DEFAULT_DEVICE_ZONE;
}

/** Chinese-language push 2.x firmware writes names in GBK; push 3.x (Security PUSH) is UTF-8. */
export function charsetFor(language: string | null | undefined, pushVersion: string | null | undefined): 'utf8' | 'gbk' | undefined {
  if (language === null || language === undefined || language === '') return undefined;
  return language === '83' && !(pushVersion ?? '').startsWith('3') ? 'gbk' : 'utf8';
}

export function toContext(row: DeviceWithZones): DeviceContext {
  const stamps = parseJson<Partial<DeviceContext['stamps']>>(row.stamps, {});
  const charset = charsetFor(row.language, row.push_version);
  return {
    deviceId: String(row.id),
    companyId: row.company_id === null ? '' : String(row.company_id),
    sn: row.serial_number,
    timeZone: deviceZone(row),
    statusMap: parseJson<StatusMap | null>(row.status_map, null),
    status: row.status,
    stamps: { attlog: stamps.attlog ?? '0', operlog: stamps.operlog ?? '0', photo: stamps.photo ?? '0', ...(stamps.biodata ? { biodata: stamps.biodata } : {}) },
    pushOptions: parseJson<PushOptions>(row.push_options, {}),
    ...(charset ? { charset } : {}),
  };
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** `::ffff:10.0.0.5` (IPv4 seen through a dual-stack socket) → `10.0.0.5`. */
export function normaliseIp(ip: string): string {
  const lower = ip.trim().toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/** Entries are single addresses or IPv4 CIDR blocks (`192.168.1.0/24`). */
export function validAllowedIp(entry: string): boolean {
  const [addr, bits, extra] = entry.split('/');
  if (extra !== undefined || !addr || isIP(addr) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  if (isIP(addr) === 4) return /^\d{1,2}$/.test(bits) && n >= 0 && n <= 32;
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= 128 && n === 128;
}

export function ipAllowed(remoteIp: string, allowed: readonly string[]): boolean {
  const ip = normaliseIp(remoteIp);
  const ip4 = ipv4ToInt(ip);
  for (const entry of allowed) {
    const [addr, bits] = entry.split('/');
    const a = normaliseIp(addr);
    if (bits === undefined || isIP(a) === 6) {
      if (a === ip) return true;
      continue;
    }
    const base = ipv4ToInt(a);
    if (base === null || ip4 === null) continue;
    const n = Number(bits);
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    if (((base & mask) >>> 0) === ((ip4 & mask) >>> 0)) return true;
  }
  return false;
}

/** Serial numbers come from the query string of unauthenticated requests: keep junk out of the table. */
export function plausibleSerial(sn: string): boolean {
  return sn.length > 0 && sn.length <= 64 && /^[\x21-\x7e]+$/.test(sn);
}

/** The row for a serial number that called in unannounced: pending, no company, seen just now. */
export function pendingDeviceRow(sn: string, vendor: DeviceRow['vendor'], ip: string, now: number): NewRow<'devices'> {
  return {
    company_id: null,
    site_id: null,
    vendor,
    model: null,
    serial_number: sn,
    mac: null,
    name: `${vendor} ${sn}`,
    time_zone: null,
    status: 'pending',
    status_map: null,
    push_options: '{}',
    auth_token_sealed: null,
    allowed_ips: null,
    firmware: null,
    push_version: null,
    language: null,
    user_count: null,
    fp_count: null,
    face_count: null,
    attlog_count: null,
    stamps: INITIAL_STAMPS,
    last_seen_at_ms: now,
    last_upload_at_ms: null,
    last_punch_at_ms: null,
    clock_skew_ms: null,
    clock_checked_at_ms: null,
    last_ip: ip,
    offline_after_min: 10,
    online: 1,
    created_at_ms: now,
    updated_at_ms: now,
  };
}

/** Fields of an INFO command result (keys lower-cased by the wire layer) → device columns. */
export function infoResultPatch(f: Readonly<Record<string, string>>): RowPatch<'devices'> {
  const num = (k: string) => (f[k] !== undefined && /^\d+$/.test(f[k].trim()) ? Number(f[k].trim()) : undefined);
  const patch: RowPatch<'devices'> = {};
  const firmware = f['fwversion'] ?? f['firmver'];
  if (firmware) patch.firmware = firmware.trim();
  const users = num('usercount');
  const fps = num('fpcount');
  const faces = num('facecount');
  const logs = num('transactioncount') ?? num('attlogcount');
  if (users !== undefined) patch.user_count = users;
  if (fps !== undefined) patch.fp_count = fps;
  if (faces !== undefined) patch.face_count = faces;
  if (logs !== undefined) patch.attlog_count = logs;
  return patch;
}
