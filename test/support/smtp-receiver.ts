import { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

import { waitFor } from './wait-for.js';

/** One accepted mail: the envelope, the raw message, and its top headers and text/HTML parts decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Lower-case names, folded lines joined, encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  text?: string;
  html?: string;
}

/**
 * A real SMTP server (`smtp-server`) on loopback that accepts any mail, without auth or STARTTLS, and keeps what it
 * got. `refuseRecipients(550)` makes it refuse RCPT TO, as a server does for an unknown mailbox.
 */
export class SmtpReceiver {
  readonly received: ReceivedMail[] = [];
  private refusal: number | null = null;
  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        callback(this.refusal === null ? null : Object.assign(new Error('Mailbox unavailable'), { responseCode: this.refusal }));
      },
      onData: (stream, session, callback) => {
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('end', () => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          const to = session.envelope.rcptTo.map((address: SMTPServerAddress) => address.address);
          this.received.push(parseMail(from, to, Buffer.concat(parts).toString('utf8')));
          callback();
        });
      },
    });
  }

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** For MONITORING_SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuseRecipients(responseCode: number | null): void {
    this.refusal = responseCode;
  }

  async waitFor(count: number, limitMs = 10_000): Promise<ReceivedMail[]> {
    await waitFor(() => this.received.length >= count, `${count} mail(s)`, limitMs);
    return this.received;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

/** Enough MIME for what nodemailer writes: one level of multipart, quoted-printable or base64 parts. */
function parseMail(from: string, to: string[], raw: string): ReceivedMail {
  const top = splitPart(raw);
  const parts = multipartOf(top) ?? [top];
  const find = (type: string) => parts.find((part) => (part.headers['content-type'] ?? 'text/plain').startsWith(type));
  const text = find('text/plain');
  const html = find('text/html');
  return {
    from,
    to,
    raw,
    headers: top.headers,
    subject: top.headers.subject ?? '',
    ...(text ? { text: decodeBody(text) } : {}),
    ...(html ? { html: decodeBody(html) } : {}),
  };
}

function splitPart(raw: string): MimePart {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
    }
  }
  return { headers, body: end === -1 ? '' : raw.slice(end + 4) };
}

function multipartOf(part: MimePart): MimePart[] | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
  if (!boundary) {
    return null;
  }
  return part.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => splitPart(chunk.replace(/^\r\n/, '')));
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body = part.body.replace(/\r\n$/, '');
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (encoding === 'quoted-printable') {
    return decodeQuotedPrintable(body);
  }
  return body;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), which nodemailer uses for non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_match, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
