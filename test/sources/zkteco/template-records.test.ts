/**
 * Template and biometric-photo records built field for field as devices.md documents them (§2.6
 * OPERLOG records, §2.7 BIODATA, §2.11 Security PUSH tabledata), read by the parser and written
 * back by the copy commands with the same field names, in the same order.
 */
import { describe, expect, it } from 'vitest';
import { buildTemplateUpdatePrefix } from '../../../src/sources/zkteco-push/commands-templates.js';
import { mapDeviceData } from '../../../src/sources/zkteco-push/mapper-users.js';
import { parseOperLog, parseTableData } from '../../../src/sources/zkteco-push/operlog.js';

const HT = '\t';
const TMP = 'SlVTVEFURU1QTEFURQ' + 'x'.repeat(30) + '==';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

/** `TAG Key=value<HT>Key=value…` in the documented order. */
const record = (tag: string, fields: Array<[string, string | number]>) => `${tag} ${fields.map(([k, v]) => `${k}=${v}`).join(HT)}`;
/** The field names of a `DATA UPDATE <table> …` command, in order. */
const names = (command: string) =>
  command
    .replace(/^DATA UPDATE \S+ /, '')
    .split(HT)
    .map((p) => p.slice(0, p.indexOf('=')));

describe('ZKTeco template records as documented', () => {
  it('BIODATA (§2.7): every documented field is read, and a copy writes them back in the documented order, duress included', () => {
    // BIODATA Pin=..<HT>No=..<HT>Index=..<HT>Valid=..<HT>Duress=..<HT>Type=..<HT>MajorVer=..<HT>MinorVer=..<HT>Format=..<HT>Tmp=..
    const documented: Array<[string, string | number]> = [
      ['Pin', '1001'],
      ['No', 6],
      ['Index', 0],
      ['Valid', 1],
      ['Duress', 1],
      ['Type', 1],
      ['MajorVer', 10],
      ['MinorVer', 0],
      ['Format', 0],
      ['Tmp', TMP],
    ];
    const batch = mapDeviceData(parseOperLog(record('BIODATA', documented) + '\n'));
    expect(batch.ignored).toBe(0);
    expect(batch.templates).toEqual([
      { pin: '1001', kind: 'fingerprint', slot: '1:6:0', valid: 1, size: TMP.length, format: 'type=1;major=10;minor=0;format=0;duress=1', template: TMP },
    ]);
    const stored = { ...batch.templates[0] };
    const biodata = `DATA UPDATE BIODATA ${documented.map(([k, v]) => `${k}=${k === 'Tmp' ? '' : v}`).join(HT)}`;
    expect(buildTemplateUpdatePrefix(stored, '2.4.1')).toBe(biodata);
    expect(names(biodata)).toEqual(['Pin', 'No', 'Index', 'Valid', 'Duress', 'Type', 'MajorVer', 'MinorVer', 'Format', 'Tmp']);
    // Security PUSH: the same fields under the lowercase table name.
    expect(buildTemplateUpdatePrefix(stored, '3.1.2')).toBe(biodata.replace('BIODATA', 'biodata'));
    // A terminal before 2.4 has no BIODATA: the fingerprint goes as FP, whose Valid=3 means duress (§2.6).
    expect(buildTemplateUpdatePrefix(stored, '2.3.0')).toBe(`DATA UPDATE FINGERTMP PIN=1001${HT}FID=6${HT}Size=${TMP.length}${HT}Valid=3${HT}TMP=`);
    // Without duress: Duress=0 and Valid as sent.
    const plain = mapDeviceData(parseOperLog(record('BIODATA', documented.map(([k, v]) => [k, k === 'Duress' ? 0 : v])))).templates[0];
    expect(buildTemplateUpdatePrefix(plain, '2.4.1')).toBe(biodata.replace(`Duress=1`, 'Duress=0'));
    expect(buildTemplateUpdatePrefix(plain, '2.3.0')).toContain(`${HT}Valid=1${HT}`);
  });

  it('BIODATA from a Security PUSH terminal (lowercase tabledata keys) reads the same', () => {
    const line = 'biodata pin=1001\tno=0\tindex=0\tvalid=1\tduress=0\ttype=9\tmajorver=5\tminorver=8\tformat=0\ttmp=' + TMP;
    expect(mapDeviceData(parseTableData(line)).templates).toEqual([
      { pin: '1001', kind: 'face', slot: '9:0:0', valid: 1, size: TMP.length, format: 'type=9;major=5;minor=8;format=0;duress=0', template: TMP },
    ]);
  });

  it('FP, FACE and FVEIN records (§2.6) with their documented fields and case', () => {
    const body = [
      record('FP', [['PIN', '7'], ['FID', 3], ['Size', TMP.length], ['Valid', 3], ['TMP', TMP]]),
      record('FACE', [['PIN', '7'], ['FID', 50], ['Valid', 1], ['Size', TMP.length], ['TMP', TMP]]),
      record('FVEIN', [['Pin', '7'], ['FID', 2], ['Index', 1], ['Valid', 1], ['Size', TMP.length], ['Tmp', TMP]]),
    ].join('\r\n');
    const { templates, ignored } = mapDeviceData(parseOperLog(body));
    expect(ignored).toBe(0);
    expect(templates.map(({ template, ...facts }) => ({ ...facts, same: template === TMP }))).toEqual([
      { pin: '7', kind: 'fingerprint', slot: '3', valid: 3, size: TMP.length, format: null, same: true },
      { pin: '7', kind: 'face', slot: '50', valid: 1, size: TMP.length, format: null, same: true },
      { pin: '7', kind: 'finger_vein', slot: '2:1', valid: 1, size: TMP.length, format: null, same: true },
    ]);
    // Each goes back in its own record's field order (FACE puts Valid before Size, FP after).
    expect(names(buildTemplateUpdatePrefix(templates[0], '2.4.1')!)).toEqual(['PIN', 'FID', 'Size', 'Valid', 'TMP']);
    expect(names(buildTemplateUpdatePrefix(templates[1], '2.4.1')!)).toEqual(['PIN', 'FID', 'Valid', 'Size', 'TMP']);
    expect(names(buildTemplateUpdatePrefix(templates[2], '2.4.1')!)).toEqual(['Pin', 'FID', 'Index', 'Valid', 'Size', 'Tmp']);
    // A duress fingerprint stays one on a Security PUSH terminal.
    expect(buildTemplateUpdatePrefix(templates[0], '3.1.2')).toBe(`DATA UPDATE templatev10 Pin=7${HT}FingerID=3${HT}Valid=3${HT}Size=${TMP.length}${HT}Template=`);
  });

  it('templatev10 rows the Security PUSH copy writes are read back as the same fingerprint', () => {
    const prefix = buildTemplateUpdatePrefix({ pin: '7', kind: 'fingerprint', slot: '3', valid: 1, size: TMP.length, format: null }, '3.1.2')!;
    const row = prefix.replace('DATA UPDATE ', '') + TMP;
    expect(mapDeviceData(parseTableData(row)).templates).toEqual([{ pin: '7', kind: 'fingerprint', slot: '3', valid: 1, size: TMP.length, format: null, template: TMP }]);
  });

  it('BIOPHOTO (§2.6) with its documented fields is stored as a picture', () => {
    // BIOPHOTO PIN=..<HT>FileName=..<HT>Type=..<HT>No=..<HT>Index=..<HT>Size=..<HT>Content=<base64>
    const content = JPEG.toString('base64');
    const line = record('BIOPHOTO', [['PIN', '1001'], ['FileName', '9_1001.jpg'], ['Type', 9], ['No', 0], ['Index', 0], ['Size', content.length], ['Content', content]]);
    const batch = mapDeviceData(parseOperLog(line + '\n'));
    expect(batch.ignored).toBe(0);
    expect(batch.templates).toEqual([]);
    expect(batch.pictures).toEqual([{ pin: '1001', name: 'biophoto-9_1001.jpg', bytes: JPEG }]);
  });
});
