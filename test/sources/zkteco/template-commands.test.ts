/** The DATA UPDATE a stored template becomes on a target terminal, and the Security PUSH time encoding. */
import { describe, expect, it } from 'vitest';
import { buildTemplateUpdatePrefix, type StoredTemplateFacts } from '../../../src/sources/zkteco-push/commands-templates.js';
import { decodeSecurityTime } from '../../../src/sources/zkteco-push/transaction.js';

const fp: StoredTemplateFacts = { pin: '7', kind: 'fingerprint', slot: '3', valid: 1, size: 1200, format: null };
const face: StoredTemplateFacts = { pin: '7', kind: 'face', slot: '50', valid: 1, size: 2000, format: null };
const vein: StoredTemplateFacts = { pin: '7', kind: 'finger_vein', slot: '2:1', valid: 1, size: 900, format: null };
const bioFp: StoredTemplateFacts = { pin: '7', kind: 'fingerprint', slot: '1:4:0', valid: 1, size: 1300, format: 'type=1;major=10;minor=0;format=0' };
const bioPalm: StoredTemplateFacts = { pin: '7', kind: 'palm', slot: '10:0:0', valid: 3, size: 4000, format: 'type=10;major=1;minor=0;format=0' };

describe('template DATA UPDATE commands', () => {
  it('follows the record the template came from and the target push version', () => {
    expect(buildTemplateUpdatePrefix(fp, '2.2.14')).toBe('DATA UPDATE FINGERTMP PIN=7\tFID=3\tSize=1200\tValid=1\tTMP=');
    expect(buildTemplateUpdatePrefix(fp, '2.4.1')).toBe('DATA UPDATE FINGERTMP PIN=7\tFID=3\tSize=1200\tValid=1\tTMP=');
    expect(buildTemplateUpdatePrefix(face, '2.4.1')).toBe('DATA UPDATE FACE PIN=7\tFID=50\tValid=1\tSize=2000\tTMP=');
    expect(buildTemplateUpdatePrefix(vein, null)).toBe('DATA UPDATE FVEIN Pin=7\tFID=2\tIndex=1\tValid=1\tSize=900\tTmp=');
    expect(buildTemplateUpdatePrefix(bioPalm, '2.4.2')).toBe('DATA UPDATE BIODATA Pin=7\tNo=0\tIndex=0\tValid=3\tDuress=0\tType=10\tMajorVer=1\tMinorVer=0\tFormat=0\tTmp=');
    // Before 2.4 there is no BIODATA table: only a fingerprint can go, as FINGERTMP.
    expect(buildTemplateUpdatePrefix(bioFp, '2.3.0')).toBe('DATA UPDATE FINGERTMP PIN=7\tFID=4\tSize=1300\tValid=1\tTMP=');
    expect(buildTemplateUpdatePrefix(bioPalm, '2.3.0')).toBeNull();
    expect(buildTemplateUpdatePrefix(bioFp, '3.1.2')).toBe('DATA UPDATE biodata Pin=7\tNo=4\tIndex=0\tValid=1\tDuress=0\tType=1\tMajorVer=10\tMinorVer=0\tFormat=0\tTmp=');
    expect(buildTemplateUpdatePrefix(face, '3.1.2')).toBeNull();
    // A PIN cannot smuggle a second field or command.
    expect(buildTemplateUpdatePrefix({ ...fp, pin: '7\tPri=14\nC:1:REBOOT' }, '2.4.1')).toBe('DATA UPDATE FINGERTMP PIN=7 Pri=14 C:1:REBOOT\tFID=3\tSize=1200\tValid=1\tTMP=');
  });

  it('decodes the Security PUSH time encoding and refuses dates that do not exist', () => {
    const at = (y: number, m: number, d: number, h: number, mi: number, s: number) => ((y - 2000) * 12 * 31 + (m - 1) * 31 + (d - 1)) * 86400 + h * 3600 + mi * 60 + s;
    expect(decodeSecurityTime(at(2026, 12, 31, 23, 59, 59))).toEqual({ y: 2026, mo: 12, d: 31, h: 23, mi: 59, s: 59 });
    expect(decodeSecurityTime(at(2024, 2, 29, 0, 0, 0))).toEqual({ y: 2024, mo: 2, d: 29, h: 0, mi: 0, s: 0 });
    expect(decodeSecurityTime(at(2026, 4, 31, 8, 0, 0))).toBeNull();
    expect(decodeSecurityTime(-1)).toBeNull();
  });
});
