// Where outgoing email goes: an SMTP server (pooled connections, a sends-per-minute limit) or,
// in local mode without SMTP, the dev mailbox. The worker holds one Mailer per process.
import { connect } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { systemContext, type Db } from '@/server/services/context';
import { saveDevMailboxMessage } from '@/server/services/dev-mailbox/dev-mailbox';

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Without the angle brackets, e.g. "n_abc@fellowship.example.org". */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** For the dev mailbox's list: the notification kind, and the link a reader would follow. */
  kind?: string;
  url?: string;
};

export type Mailer = {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
  /** "smtp://host:port" or "dev mailbox", for logs. */
  describe: string;
};

export type SmtpSettings = {
  smtpUrl: string;
  from: string;
  connections: number;
  perMinute: number;
};

/**
 * A delivery the SMTP server refused for good (5xx): retrying cannot help, and the address is
 * marked as bouncing. Anything else (4xx, a dropped connection) is temporary and retried.
 */
export class PermanentDeliveryError extends Error {}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const url = new URL(settings.smtpUrl);
  const transport: Transporter = createTransport({
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: settings.connections,
    maxMessages: Infinity,
    // nodemailer's own limiter: at most rateLimit messages per rateDelta ms for this pool.
    rateDelta: 60_000,
    rateLimit: settings.perMinute,
    // A local relay (the tests' and the benchmark's sink) has no certificate worth checking.
    tls: { rejectUnauthorized: !['localhost', '127.0.0.1', '::1'].includes(url.hostname) },
    getSocket: openSocketWithoutDelay,
  } as SMTPPool.Options);
  return {
    describe: `smtp://${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
    async send(email) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: `<${email.messageId}>`,
          headers: email.headers,
          attachments: email.attachments,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentDeliveryError((error as Error).message.split('\n')[0]!);
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

/**
 * nodemailer's own sockets keep Nagle's algorithm on, and each message then waits about 40 ms
 * for a delayed ACK (measured: 46 ms per message on one connection, 2 ms without). The socket
 * is opened here with no delay; nodemailer still does TLS (smtps) or STARTTLS on it.
 */
function openSocketWithoutDelay(options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: ReturnType<typeof connect> }) => void) {
  const socket = connect({ host: options.host, port: options.port ?? 587 });
  socket.setNoDelay(true);
  let done = false;
  const finish = (error: Error | null) => {
    if (done) return;
    done = true;
    socket.setTimeout(0);
    if (error) {
      socket.destroy();
      callback(error);
    } else {
      callback(null, { connection: socket });
    }
  };
  socket.setTimeout(30_000, () => finish(new Error(`Could not connect to the mail server at ${options.host}:${options.port} within 30 s.`)));
  socket.once('connect', () => finish(null));
  socket.once('error', (error) => finish(error));
}

/** Local mode without SMTP: every email lands on /dev/mailbox, rendered. */
export function createDevMailboxMailer(db: Db): Mailer {
  return {
    describe: 'dev mailbox',
    async send(email) {
      await saveDevMailboxMessage(systemContext(db), { to: email.to, subject: email.subject, text: email.text, html: email.html, kind: email.kind ?? null, url: email.url ?? null });
    },
    close() {},
  };
}
