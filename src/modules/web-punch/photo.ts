/** A camera photo sent with a web punch: a data URL, checked to be the image it says it is. */
import { badRequest } from '../../shared/errors.js';

export const MAX_PHOTO_BYTES = 1_000_000;

const SIGNATURES: { mime: 'image/jpeg' | 'image/png' | 'image/webp'; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function decodePhoto(dataUrl: string): { mime: 'image/jpeg' | 'image/png' | 'image/webp'; bytes: Buffer } {
  const m = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) throw badRequest('PHOTO_INVALID', 'The photo must be a JPEG, PNG or WebP data URL');
  const bytes = Buffer.from(m[2], 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) throw badRequest('PHOTO_TOO_LARGE', `The photo is ${bytes.length} bytes; at most ${MAX_PHOTO_BYTES} are taken`);
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind || kind.mime !== m[1]) throw badRequest('PHOTO_INVALID', 'The photo is not the image it says it is');
  return { mime: kind.mime, bytes };
}
