/**
 * `DATA UPDATE <table>` commands that put a stored biometric template on another terminal
 * (devices.md §2.6–2.8, §2.11.7). The record grammar is the one the template arrived in, so the
 * table follows where it came from and what the target speaks:
 * - a template from an `FP` record goes as `FINGERTMP` (every attendance-push version takes it);
 *   `FACE` and `FVEIN` records go back as `FACE` and `FVEIN`;
 * - a unified `BIODATA` template (push 2.4 and later) goes as `BIODATA` to terminals on push ≥ 2.4;
 *   an older terminal only takes its fingerprints (Type 1), as `FINGERTMP`;
 * - Security PUSH terminals (push 3.x) take lowercase table names with key=value pairs:
 *   `biodata` for unified templates and `templatev10` for fingerprints; they have no FACE/FVEIN table.
 * The template itself is always the last field, so the builder returns the text up to it and the
 * caller keeps the template sealed until the command is delivered.
 */
export interface StoredTemplateFacts {
  pin: string;
  kind: string;
  /** FID, FVEIN `fid:index`, or BIODATA `type:no:index`. */
  slot: string;
  valid: number | null;
  size: number;
  /** BIODATA facts `type=..;major=..;minor=..;format=..;duress=..`; null for FP/FACE/FVEIN records. */
  format: string | null;
}

/** Which record a stored template came from (mapper-users.ts writes the slot and format this way). */
function origin(t: StoredTemplateFacts): 'biodata' | 'fp' | 'face' | 'fvein' {
  if (t.format !== null && t.format.startsWith('type=')) return 'biodata';
  if (t.kind === 'face') return 'face';
  if (t.kind === 'finger_vein') return 'fvein';
  return 'fp';
}

function biodataFacts(t: StoredTemplateFacts) {
  const f: Record<string, string> = {};
  for (const part of (t.format ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) f[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const [type = '', no = '0', index = '0'] = t.slot.split(':');
  // Stored before duress was kept: not a duress template.
  return { type: f.type || type, no, index, major: f.major ?? '', minor: f.minor ?? '', format: f.format ?? '', duress: f.duress === '1' ? 1 : 0 };
}

/** `2.4.1` → [2, 4, 1]; unknown versions read as the oldest attendance push. */
function version(pushVersion: string | null): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(pushVersion ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [2, 0];
}

const clean = (v: string | number | null | undefined) => String(v ?? '').replace(/[\t\r\n]/g, ' ');

/**
 * The command text up to the template (the template follows directly), or null when the target's
 * protocol has no table for this template.
 */
export function buildTemplateUpdatePrefix(t: StoredTemplateFacts, targetPushVersion: string | null): string | null {
  const [major, minor] = version(targetPushVersion);
  const from = origin(t);
  const pin = clean(t.pin);
  const valid = t.valid ?? 1;
  if (major >= 3) {
    if (from === 'biodata') {
      const b = biodataFacts(t);
      return `DATA UPDATE biodata Pin=${pin}\tNo=${clean(b.no)}\tIndex=${clean(b.index)}\tValid=${valid}\tDuress=${b.duress}\tType=${clean(b.type)}\tMajorVer=${clean(b.major)}\tMinorVer=${clean(b.minor)}\tFormat=${clean(b.format)}\tTmp=`;
    }
    if (from === 'fp') return `DATA UPDATE templatev10 Pin=${pin}\tFingerID=${clean(t.slot)}\tValid=${valid}\tSize=${t.size}\tTemplate=`;
    return null;
  }
  if (from === 'biodata') {
    const b = biodataFacts(t);
    if (major > 2 || minor >= 4) {
      return `DATA UPDATE BIODATA Pin=${pin}\tNo=${clean(b.no)}\tIndex=${clean(b.index)}\tValid=${valid}\tDuress=${b.duress}\tType=${clean(b.type)}\tMajorVer=${clean(b.major)}\tMinorVer=${clean(b.minor)}\tFormat=${clean(b.format)}\tTmp=`;
    }
    // FINGERTMP has no Duress field: its Valid says it (0 invalid, 1 normal, 3 duress; devices.md §2.6).
    const fpValid = b.duress === 1 && valid !== 0 ? 3 : valid;
    return b.type === '1' ? `DATA UPDATE FINGERTMP PIN=${pin}\tFID=${clean(b.no)}\tSize=${t.size}\tValid=${fpValid}\tTMP=` : null;
  }
  if (from === 'face') return `DATA UPDATE FACE PIN=${pin}\tFID=${clean(t.slot)}\tValid=${valid}\tSize=${t.size}\tTMP=`;
  if (from === 'fvein') {
    const [fid = '0', index = '0'] = t.slot.split(':');
    return `DATA UPDATE FVEIN Pin=${pin}\tFID=${clean(fid)}\tIndex=${clean(index)}\tValid=${valid}\tSize=${t.size}\tTmp=`;
  }
  return `DATA UPDATE FINGERTMP PIN=${pin}\tFID=${clean(t.slot)}\tSize=${t.size}\tValid=${valid}\tTMP=`;
}
