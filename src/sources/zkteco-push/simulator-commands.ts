/**
 * What a simulated device does with each `C:<id>:<cmd>` it fetched (devices.md §2.8–2.9, B10), and
 * the result line it reports. Return codes follow real firmware: -1002 unknown syntax (S8),
 * -1 for an empty DATA QUERY, `CMD=` echoes only the first word of DATA commands (P13).
 */
import type { SimulatedDevice } from './simulated-device.js';
import { wallMsOf } from './simulator-wire.js';

export interface SimUser {
  pin: string;
  name: string;
  card?: string;
  pri?: number;
}

export interface CommandOutcome {
  result: string;
  reboot?: boolean;
}

/** `PIN=1<HT>Name=Ann…` → { PIN: '1', Name: 'Ann' }. */
function tabFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split('\t')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1);
  }
  return out;
}

const res = (id: string, code: number, cmd: string, extra = '') => `ID=${id}&Return=${code}&CMD=${cmd}${extra}`;

export async function executeCommand(dev: SimulatedDevice, cmd: { id: string; text: string }): Promise<CommandOutcome> {
  const { id, text } = cmd;
  if (text === 'REBOOT') return { result: res(id, 0, 'REBOOT'), reboot: true };
  if (text === 'CHECK') {
    // Reload options, re-upload per the stamps: a fresh handshake does both.
    return { result: res(id, 0, 'CHECK'), reboot: true };
  }
  if (text === 'LOG') {
    await dev.uploadPending();
    return { result: res(id, 0, 'LOG') };
  }
  if (text === 'INFO') {
    return { result: `${res(id, 0, 'INFO')}\n~DeviceName=DakaSim\nUserCount=${dev.users.size}\nTransactionCount=${dev.log.length}` };
  }
  if (text === 'CLEAR LOG') {
    dev.clearLog();
    return { result: res(id, 0, 'CLEAR_LOG') };
  }
  if (text === 'RELOAD OPTIONS') return { result: res(id, 0, 'RELOAD OPTIONS') };
  if (text.startsWith('SET OPTION ')) {
    const kv = text.slice('SET OPTION '.length);
    const eq = kv.indexOf('=');
    if (eq <= 0) return { result: res(id, -1, 'SET OPTION') };
    dev.options[kv.slice(0, eq)] = kv.slice(eq + 1);
    return { result: res(id, 0, 'SET OPTION') };
  }
  if (text.startsWith('DATA UPDATE USERINFO ')) {
    const f = tabFields(text.slice('DATA UPDATE USERINFO '.length));
    if (!f.PIN) return { result: res(id, -1, 'DATA') };
    const user: SimUser = { pin: f.PIN, name: f.Name ?? '', card: f.Card, pri: Number(f.Pri ?? 0) };
    dev.users.set(user.pin, user);
    await dev.postOperlog([user]);
    return { result: res(id, 0, 'DATA') };
  }
  if (text.startsWith('DATA DELETE USERINFO ')) {
    const f = tabFields(text.slice('DATA DELETE USERINFO '.length));
    if (!f.PIN || !dev.users.has(f.PIN)) return { result: res(id, -10, 'DATA') };
    dev.users.delete(f.PIN);
    return { result: res(id, 0, 'DATA') };
  }
  if (text.startsWith('DATA QUERY ATTLOG ') || text.startsWith('VERIFY SUM ATTLOG ')) {
    const verify = text.startsWith('VERIFY');
    const f = tabFields(text.slice(18));
    const start = wallMsOf(f.StartTime ?? '');
    const end = wallMsOf(f.EndTime ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end)) return { result: res(id, -1, verify ? 'VERIFY SUM' : 'DATA') };
    const records = dev.recordsBetween(start, end);
    if (verify) return { result: res(id, 0, 'VERIFY SUM', `&StartTime=${f.StartTime}&EndTime=${f.EndTime}&AttlogSum=${records.length}`) };
    if (records.length === 0) return { result: res(id, -1, 'DATA') };
    // The window comes back through the normal ATTLOG path: duplicates by design.
    const size = dev.opts.batchSize ?? 128;
    for (let i = 0; i < records.length; i += size) {
      if (!(await dev.postAttlog(records.slice(i, i + size)))) return { result: res(id, -3, 'DATA') };
    }
    return { result: res(id, 0, 'DATA') };
  }
  return { result: res(id, -1002, text.split(' ')[0]) };
}
