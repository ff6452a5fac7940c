// A real SMTP server on localhost for the e2e tier: every message the app sends is written as
// one JSON file (raw message, recipients, decoded text, first http(s) URL) into a folder the
// tests read. No TLS and no authentication, as a local relay would offer.
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = {
  to: string[];
  from: string | null;
  subject: string | null;
  /** The text/plain part, transfer-decoded (or the whole decoded body when there is none). */
  text: string;
  /** The first http(s) URL in the text. */
  url: string | null;
  raw: string;
  receivedAt: string;
};

export type MailCatcher = { port: number; stop(): Promise<void> };

export async function startMailCatcher(dir: string): Promise<MailCatcher> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail = parseMail(raw, session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()));
          const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
          // Written aside and renamed into place: a test polling the folder never reads half a file.
          const partial = path.join(dir, `${name}.partial`);
          writeFileSync(partial, JSON.stringify(mail, null, 2));
          renameSync(partial, path.join(dir, name));
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export function parseMail(raw: string, to: string[]): CaughtMail {
  const { headers, body } = splitHeaders(raw);
  const text = textPart(headers, body);
  return {
    to,
    from: headers.get('from') ?? null,
    subject: headers.get('subject') ?? null,
    text,
    url: text.match(/https?:\/\/[^\s"'<>]+/)?.[0] ?? null,
    raw,
    receivedAt: new Date().toISOString(),
  };
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const index = raw.search(/\r?\n\r?\n/);
  const head = index < 0 ? raw : raw.slice(0, index);
  const body = index < 0 ? '' : raw.slice(index).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value".
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The text/plain part of a (possibly multipart) message, transfer-decoded. */
function textPart(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    let fallback = '';
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const inner = splitHeaders(part.replace(/^\r?\n/, ''));
      const text = textPart(inner.headers, inner.body);
      if (/^text\/plain/i.test(inner.headers.get('content-type') ?? 'text/plain') && text) return text;
      fallback ||= text;
    }
    return fallback;
  }
  return decodeTransfer(body, headers.get('content-transfer-encoding') ?? '7bit');
}

function decodeTransfer(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Soft line breaks ("=" at a line end) join lines; "=XX" is one byte. */
export function decodeQuotedPrintable(value: string): string {
  const joined = value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
