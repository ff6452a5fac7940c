// A real SMTP server on localhost that keeps every message, parsed (mailparser), in memory:
// for tests and the notify benchmark. `refuse` makes it answer chosen recipients with a
// permanent (550) or temporary (451) error, as a real server would.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SinkMessage = { to: string[]; raw: string; parsed: ParsedMail | null };

export type SmtpSink = {
  port: number;
  url: string;
  messages: SinkMessage[];
  /** Parsed messages (parsing runs after acceptance; await this before reading headers). */
  parsed(): Promise<ParsedMail[]>;
  stop(): Promise<void>;
};

export async function startSmtpSink(options: { refuse?: (recipient: string) => 550 | 451 | null; parse?: boolean } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const parsing: Promise<unknown>[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    size: 20 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address.toLowerCase()) ?? null;
      if (code) {
        const error = new Error(code === 550 ? '5.1.1 No such user here' : '4.2.1 Mailbox busy, try later') as Error & { responseCode: number };
        error.responseCode = code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message: SinkMessage = { to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), raw, parsed: null };
        messages.push(message);
        if (options.parse !== false) parsing.push(simpleParser(raw).then((parsed) => (message.parsed = parsed)));
        callback();
      });
    },
  });
  // A client killed mid-conversation (the SIGKILL test) resets its connection: not the sink's error.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async parsed() {
      await Promise.all(parsing);
      return messages.map((message) => message.parsed!);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
