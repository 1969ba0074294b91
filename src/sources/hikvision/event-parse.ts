/**
 * Hikvision "HTTP listening" bodies (devices.md §8.1): multipart/form-data with an
 * `AccessControllerEvent` JSON part and optional JPEG parts, or plain JSON, or XML on some firmware.
 * The multipart reader is our own because real devices announce `boundary=mime_boundary` and then
 * write `--MIME_boundary` (P20), which strict parsers reject; boundaries are matched case-insensitively.
 */
import type { HikEvent } from './mapper.js';

export interface EventAlert {
  eventType: string;
  /** Envelope time (ISO with the device's offset); the nested event has none on push. */
  dateTime?: string;
  macAddress?: string;
  ipAddress?: string;
  shortSerialNumber?: string;
  event?: HikEvent;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

export interface IsapiPush {
  alerts: EventAlert[];
  pictures: MultipartPart[];
  problems: string[];
}

function boundaryFromHeader(contentType: string | undefined): string | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return m ? m[1].trim() : null;
}

export function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const lower = body.toString('latin1').toLowerCase();
  const delim = '--' + boundary.toLowerCase();
  const parts: MultipartPart[] = [];
  let pos = lower.indexOf(delim);
  while (pos >= 0) {
    let start = pos + delim.length;
    if (lower.startsWith('--', start)) break; // closing delimiter
    if (lower.startsWith('\r\n', start)) start += 2;
    else if (lower[start] === '\n') start += 1;
    const next = lower.indexOf(delim, start);
    const end = next < 0 ? body.length : next;
    // The CRLF before the next delimiter belongs to the delimiter, not the part.
    let bodyEnd = end;
    if (lower[bodyEnd - 1] === '\n') bodyEnd--;
    if (lower[bodyEnd - 1] === '\r') bodyEnd--;
    let headEnd = lower.indexOf('\r\n\r\n', start);
    let sepLen = 4;
    if (headEnd < 0 || headEnd > bodyEnd) {
      headEnd = lower.indexOf('\n\n', start);
      sepLen = 2;
    }
    if (headEnd >= 0 && headEnd <= bodyEnd) {
      const headers = body.subarray(start, headEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? /content-id:\s*(\S+)/i.exec(headers)?.[1] ?? '';
      parts.push({
        name,
        filename: /filename="([^"]*)"/i.exec(headers)?.[1],
        contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim(),
        body: body.subarray(headEnd + sepLen, Math.max(headEnd + sepLen, bodyEnd)),
      });
    }
    pos = next;
  }
  return parts;
}

/** Flat leaf elements of an XML alert: enough for the fields the mapper reads. */
function xmlLeaves(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /<([A-Za-z][\w]*)>([^<]*)<\/\1>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) if (!(m[1] in out)) out[m[1]] = m[2];
  return out;
}

function alertFromObject(obj: Record<string, unknown>): EventAlert {
  const root = (obj.EventNotificationAlert as Record<string, unknown> | undefined) ?? obj;
  let event = root.AccessControllerEvent as Record<string, unknown> | undefined;
  // One production terminal nested AccessControllerEvent twice.
  while (event && typeof event.AccessControllerEvent === 'object' && event.majorEventType === undefined) {
    event = event.AccessControllerEvent as Record<string, unknown>;
  }
  return {
    eventType: String(root.eventType ?? ''),
    dateTime: typeof root.dateTime === 'string' ? root.dateTime : undefined,
    macAddress: typeof root.macAddress === 'string' ? root.macAddress : undefined,
    ipAddress: typeof root.ipAddress === 'string' ? root.ipAddress : undefined,
    shortSerialNumber: root.shortSerialNumber !== undefined ? String(root.shortSerialNumber) : undefined,
    event: event as HikEvent | undefined,
  };
}

function alertFromXml(xml: string): EventAlert {
  const leaves = xmlLeaves(xml);
  const num = (k: string) => (leaves[k] !== undefined && leaves[k] !== '' ? Number(leaves[k]) : undefined);
  const event: HikEvent | undefined =
    leaves.majorEventType !== undefined
      ? {
          majorEventType: num('majorEventType'),
          subEventType: num('subEventType'),
          employeeNoString: leaves.employeeNoString,
          serialNo: num('serialNo'),
          attendanceStatus: leaves.attendanceStatus,
          name: leaves.name,
        }
      : undefined;
  return { eventType: leaves.eventType ?? '', dateTime: leaves.dateTime, macAddress: leaves.macAddress, ipAddress: leaves.ipAddress, event };
}

/** One JSON or XML event document (an alertStream part, a plain push body). */
export function parseDocument(text: string, problems: string[]): EventAlert | null {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      return alertFromObject(JSON.parse(t) as Record<string, unknown>);
    } catch (err) {
      problems.push(`invalid JSON event: ${(err as Error).message}`);
      return null;
    }
  }
  if (t.startsWith('<')) return alertFromXml(t);
  problems.push('event part is neither JSON nor XML');
  return null;
}

export function parseIsapiPush(body: Buffer, contentType: string | undefined): IsapiPush {
  const out: IsapiPush = { alerts: [], pictures: [], problems: [] };
  const head = body.subarray(0, 512).toString('latin1').trimStart();
  let boundary = boundaryFromHeader(contentType);
  if (!boundary && head.startsWith('--')) boundary = head.slice(2, head.search(/\r?\n/)).trim();
  if (!boundary || !/multipart/i.test(contentType ?? 'multipart')) {
    const alert = parseDocument(body.toString('utf8'), out.problems);
    if (alert) out.alerts.push(alert);
    return out;
  }
  for (const part of splitMultipart(body, boundary)) {
    const isImage = /^image\//i.test(part.contentType ?? '') || part.body[0] === 0xff;
    if (isImage) {
      out.pictures.push(part);
      continue;
    }
    const alert = parseDocument(part.body.toString('utf8'), out.problems);
    if (alert) out.alerts.push(alert);
  }
  return out;
}
