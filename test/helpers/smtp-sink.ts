/** A real SMTP server on a free port of 127.0.0.1 (smtp-server), keeping every message it accepts. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpMessage {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  messages: SmtpMessage[];
  logins: { user: string; pass: string }[];
  /** Replies 451 (try later) to the next `n` messages. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(auth = { user: 'daka', pass: 'smtp-pass-3e1f' }): Promise<SmtpSink> {
  const messages: SmtpMessage[] = [];
  const logins: { user: string; pass: string }[] = [];
  let failing = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offer, AUTH allowed without TLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      logins.push({ user: a.username ?? '', pass: a.password ?? '' });
      if (a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      return cb(new Error('invalid credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failing > 0) {
          failing--;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return cb(err);
        }
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    logins,
    failNext: (n) => void (failing = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subject and text body of a single-part message as nodemailer writes it (encoded words, base64 or quoted-printable). */
export function readMail(raw: string): { subject: string; text: string; headers: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(body) : body;
  return { subject: words(header('Subject')).trim(), text: text.replace(/\r\n/g, '\n').trim(), headers };
}

function qp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
