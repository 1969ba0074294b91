/**
 * ZKTeco user, template and operation-log records (OPERLOG lines, BIODATA uploads, Security PUSH
 * tabledata/querydata) → vendor-neutral records (devices.md §2.6, §2.7, §2.11). Field names differ
 * by firmware in case only (`PIN`/`Pin`/`pin`), so every key is read case-insensitively. Every value
 * is bounded here: anyone can reach /iclock, and a record past a bound is dropped, not truncated.
 */
import { createHash } from 'node:crypto';
import type { DeviceDataBatch, OperLogRecord, TemplateKind } from '../device-gateway.js';

export const USER_DATA_BOUNDS = {
  pin: 64,
  name: 100,
  card: 64,
  /** Base64 characters of one template: visible-light face templates are the largest, a few KB. */
  template: 128 * 1024,
  /** Base64 characters of one user picture. */
  picture: 2 * 1024 * 1024,
};

function lower(fields: Readonly<Record<string, string>>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(fields)) m.set(k.toLowerCase(), v);
  return m;
}

const int = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) ? n : null;
};

/** Trimmed value, null when empty, undefined when longer than `max` (the record is then dropped). */
const text = (v: string | undefined, max: number): string | null | undefined => {
  const t = (v ?? '').trim();
  if (t === '') return null;
  return t.length > max ? undefined : t;
};

/** BIODATA `Type` (S2 §9.11): 1 FP, 2 NIR face, 7 finger vein, 8 palm vein, 9 visible-light face, 10 visible-light palm. */
function biodataKind(type: number | null): TemplateKind {
  if (type === 1) return 'fingerprint';
  if (type === 2 || type === 9) return 'face';
  if (type === 7) return 'finger_vein';
  if (type === 8 || type === 10) return 'palm';
  return 'other';
}

/** Base64 with line breaks removed (a CRLF can split a TMP value, P7); null if it is not base64. */
function base64Of(v: string | undefined, max: number): string | null {
  if (v === undefined) return null;
  const t = v.replace(/[\r\n\s]/g, '');
  if (t === '' || t.length > max || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null;
  return t;
}

export function mapDeviceData(records: readonly OperLogRecord[]): DeviceDataBatch {
  const out: DeviceDataBatch = { users: [], templates: [], oplog: [], pictures: [], ignored: 0 };
  for (const r of records) {
    const f = lower(r.fields);
    const pin = text(f.get('pin'), USER_DATA_BOUNDS.pin);
    const tag = r.tag.toUpperCase();
    if (tag === 'OPLOG') {
      const v = r.values ?? [];
      out.oplog.push({
        key: createHash('sha256').update(r.raw.trim()).digest('hex').slice(0, 40),
        opType: int(v[0]),
        operator: (v[1] ?? '').trim().slice(0, 64) || null,
        time: (v[2] ?? '').trim().slice(0, 19) || null,
        who: (v[3] ?? '').trim().slice(0, 64) || null,
        values: v.slice(4, 7).map((x) => x.trim().slice(0, 64)),
      });
      continue;
    }
    if (!pin) {
      out.ignored++;
      continue;
    }
    if (tag === 'USER') {
      const name = text(f.get('name'), USER_DATA_BOUNDS.name);
      const card = text(f.get('card') ?? f.get('cardno'), USER_DATA_BOUNDS.card);
      if (name === undefined || card === undefined) {
        out.ignored++;
        continue;
      }
      const password = f.get('passwd') ?? f.get('password') ?? '';
      out.users.push({ pin, name, card, privilege: int(f.get('pri') ?? f.get('privilege')), group: int(f.get('grp') ?? f.get('group')), hasPassword: password.trim() !== '' });
      continue;
    }
    if (tag === 'FP' || tag === 'FACE' || tag === 'FVEIN' || tag === 'TEMPLATEV10' || tag === 'BIODATA') {
      const template = base64Of(f.get('tmp') ?? f.get('template'), USER_DATA_BOUNDS.template);
      if (!template) {
        out.ignored++;
        continue;
      }
      const fid = f.get('fid') ?? f.get('fingerid') ?? '0';
      let kind: TemplateKind = tag === 'FACE' ? 'face' : tag === 'FVEIN' ? 'finger_vein' : 'fingerprint';
      let slot = (tag === 'FVEIN' ? `${fid}:${f.get('index') ?? '0'}` : fid).slice(0, 32);
      let format: string | null = null;
      if (tag === 'BIODATA') {
        const type = int(f.get('type'));
        kind = biodataKind(type);
        slot = `${type ?? 0}:${f.get('no') ?? '0'}:${f.get('index') ?? '0'}`.slice(0, 32);
        // Duress (a finger that raises the duress alarm) travels with the template: a copy without
        // it would turn a duress finger into an ordinary one on the other terminals.
        const fact = (key: string) => (f.get(key) ?? '').trim().replace(/[;=\s]/g, '').slice(0, 16);
        format = `type=${type ?? ''};major=${fact('majorver')};minor=${fact('minorver')};format=${fact('format')};duress=${int(f.get('duress')) === 1 ? 1 : 0}`;
      }
      out.templates.push({ pin, kind, slot, valid: int(f.get('valid')), size: int(f.get('size')) ?? template.length, format, template });
      continue;
    }
    if (tag === 'USERPIC' || tag === 'BIOPHOTO') {
      const content = base64Of(f.get('content'), USER_DATA_BOUNDS.picture);
      if (!content) {
        out.ignored++;
        continue;
      }
      const name = (f.get('filename') ?? `${pin}.jpg`).trim().slice(0, 100);
      out.pictures.push({ pin, name: `${tag.toLowerCase()}-${name}`, bytes: Buffer.from(content, 'base64') });
      continue;
    }
    out.ignored++;
  }
  return out;
}
