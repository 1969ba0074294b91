import { describe, expect, it } from 'vitest';
import { parseJsonSafe, stringifyWithBigNumbers, bigNumber } from '../../../src/sources/platform/json.js';
import { parseXml, XmlError } from '../../../src/sources/platform/xml.js';
import { instantOf, wallTimeOf } from '../../../src/sources/platform/zone.js';

describe('parseJsonSafe', () => {
  it('keeps 64-bit ids exact and leaves small numbers and strings alone', () => {
    expect(parseJsonSafe('{"f":0.12345678901234567,"g":1.5e12345678901234567,"h":-0.0000000000000000001}')).toEqual({
      f: 0.12345678901234567,
      g: Infinity,
      h: -1e-19,
    });
    const text = '{"id":70000000000024720,"n":-12345678901234567,"small":42,"f":1.5,"e":1e21,"s":"70000000000024720 x","arr":[90071992547409931]}';
    expect(parseJsonSafe(text)).toEqual({
      id: '70000000000024720',
      n: '-12345678901234567',
      small: 42,
      f: 1.5,
      e: 1e21,
      s: '70000000000024720 x',
      arr: ['90071992547409931'],
    });
    // What plain JSON.parse would have done to an odd id beyond 2^53:
    expect(String(JSON.parse('[90071992547409931]')[0])).not.toBe('90071992547409931');
  });

  it('round-trips with the simulator writer', () => {
    const raw = stringifyWithBigNumbers({ id: bigNumber('12345678901234567890'), q: 'a"\\b' });
    expect(raw).toBe('{"id":12345678901234567890,"q":"a\\"\\\\b"}');
    expect(parseJsonSafe(raw)).toEqual({ id: '12345678901234567890', q: 'a"\\b' });
  });
});

describe('parseXml', () => {
  it('reads CDATA, entities, nesting and repeated elements', () => {
    const doc = parseXml('<?xml version="1.0"?><xml><A><![CDATA[x<y]]></A><B>&lt;1&amp;2&#x4e2d;</B><L><i>1</i><i>2</i></L><E/></xml>');
    expect(doc).toEqual({ xml: { A: 'x<y', B: '<1&2中', L: { i: ['1', '2'] }, E: '' } });
  });

  it('refuses DTDs, unknown entities and broken nesting', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(XmlError);
    expect(() => parseXml('<a>&x;</a>')).toThrow(XmlError);
    expect(() => parseXml('<a><b></a></b>')).toThrow(XmlError);
    expect(() => parseXml('<a></a><b/>')).toThrow(XmlError);
  });
});

describe('zone helpers', () => {
  it('wall time and offset in Shanghai and across a DST change in New York', () => {
    expect(wallTimeOf(Date.parse('2026-10-08T00:59:30Z'), 'Asia/Shanghai')).toEqual({ wallTime: '2026-10-08T08:59:30', utcOffsetMin: 480 });
    expect(instantOf('2026-10-08', '09:00', 'Asia/Shanghai')).toBe(Date.parse('2026-10-08T01:00:00Z'));
    expect(instantOf('2026-03-08', '03:30', 'America/New_York')).toBe(Date.parse('2026-03-08T07:30:00Z'));
    expect(wallTimeOf(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York').utcOffsetMin).toBe(-240);
  });
});

describe('wallTimeOf cache', () => {
  it('agrees with Intl around DST changes and on odd seconds, for several zones', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    const fmt = (tz: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const starts = ['2026-03-08T06:00:00Z', '2026-03-29T00:30:00Z', '2026-10-04T14:00:00Z', '2026-11-01T05:00:00Z', '2026-10-08T00:59:30Z'];
    for (const tz of zones) {
      const f = fmt(tz);
      for (const s of starts) {
        for (let i = 0; i < 24 * 4; i++) {
          const at = Date.parse(s) + i * 7 * 60_000 + 1234;
          expect(wallTimeOf(at, tz).wallTime).toBe(f.format(new Date(at)).replace(' ', 'T'));
        }
      }
    }
  });
});
