/**
 * A deliberately small XML reader for WeCom callback envelopes and events: elements, text and
 * CDATA only. DOCTYPE/ENTITY declarations are refused outright (XXE), attributes are ignored, and
 * only the five predefined entities plus numeric references are expanded.
 */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    if (e in ENTITIES) return ENTITIES[e];
    throw new XmlError(`unknown entity ${m}`);
  });
}

/** Parse a document into `{ rootName: value }`; repeated child names become arrays. */
export function parseXml(xml: string): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlError('DTDs are not accepted');
  let i = 0;
  const src = xml.replace(/^\uFEFF/, '');

  const skipMisc = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith('<?', i)) i = end('?>', i) + 2;
      else if (src.startsWith('<!--', i)) i = end('-->', i) + 3;
      else return;
    }
  };
  const end = (token: string, from: number) => {
    const at = src.indexOf(token, from);
    if (at < 0) throw new XmlError(`unterminated ${token}`);
    return at;
  };

  const element = (): [string, XmlValue] => {
    if (src[i] !== '<') throw new XmlError(`expected < at ${i}`);
    const close = end('>', i);
    let head = src.slice(i + 1, close);
    i = close + 1;
    const selfClosing = head.endsWith('/');
    if (selfClosing) head = head.slice(0, -1);
    const name = head.trim().split(/\s+/)[0];
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new XmlError(`bad element name ${name}`);
    if (selfClosing) return [name, ''];
    let text = '';
    const children: XmlNode = {};
    let hasChildren = false;
    for (;;) {
      if (i >= src.length) throw new XmlError(`unclosed <${name}>`);
      if (src.startsWith('<![CDATA[', i)) {
        const e = end(']]>', i);
        text += src.slice(i + 9, e);
        i = e + 3;
      } else if (src.startsWith('<!--', i)) {
        i = end('-->', i) + 3;
      } else if (src.startsWith('</', i)) {
        const e = end('>', i);
        if (src.slice(i + 2, e).trim() !== name) throw new XmlError(`mismatched </${src.slice(i + 2, e)}>`);
        i = e + 1;
        break;
      } else if (src[i] === '<') {
        const [k, v] = element();
        hasChildren = true;
        const prev = children[k];
        if (prev === undefined) children[k] = v;
        else if (Array.isArray(prev)) prev.push(v);
        else children[k] = [prev, v];
      } else {
        const e = src.indexOf('<', i);
        if (e < 0) throw new XmlError(`unclosed <${name}>`);
        text += decodeText(src.slice(i, e));
        i = e;
      }
    }
    return [name, hasChildren ? children : text];
  };

  skipMisc();
  const [root, value] = element();
  skipMisc();
  if (i !== src.length) throw new XmlError('trailing content after the root element');
  return { [root]: value };
}

export const xmlText = (v: XmlValue | undefined): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

export const xmlNode = (v: XmlValue | undefined): XmlNode | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

export const xmlList = (v: XmlValue | undefined): XmlValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
