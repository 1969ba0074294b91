/**
 * Device bodies are bytes: UTF-8 on most firmware, GBK for names on Chinese-language firmware
 * (language=83, devices.md §2.2 / P6). ATTLOG is nearly always pure ASCII, which takes the fast path.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextCharset = 'ascii' | 'utf8' | 'gbk';

function isAscii(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] > 0x7f) return false;
  return true;
}

/** Detect the charset: ASCII, else valid UTF-8, else GBK (a GBK name is almost never valid UTF-8). */
export function detectCharset(buf: Buffer): TextCharset {
  if (isAscii(buf)) return 'ascii';
  return isUtf8(buf) ? 'utf8' : 'gbk';
}

/**
 * `hint` is what the hub knows about the device (GBK for language=83 on push 2.x). It matters for
 * short names: a GBK pair such as D5 A1 CD A2 (铡廷) is also valid UTF-8, so bytes alone cannot tell.
 * A GBK-hinted body that does not decode cleanly as GBK but is valid UTF-8 is read as UTF-8.
 */
export function decodeDeviceText(buf: Buffer, hint?: 'utf8' | 'gbk'): { text: string; charset: TextCharset } {
  if (isAscii(buf)) return { text: buf.toString('latin1'), charset: 'ascii' };
  const utf8 = isUtf8(buf);
  if (hint === 'gbk') {
    const text = iconv.decode(buf, 'gbk');
    if (!utf8 || !text.includes('\ufffd')) return { text, charset: 'gbk' };
    return { text: buf.toString('utf8'), charset: 'utf8' };
  }
  if (utf8) return { text: buf.toString('utf8'), charset: 'utf8' };
  return { text: iconv.decode(buf, 'gbk'), charset: 'gbk' };
}

/** Encode text for a device: GBK devices get GBK bytes, everything else UTF-8. */
export function encodeDeviceText(text: string, charset: 'utf8' | 'gbk' | undefined): Buffer {
  return charset === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}
