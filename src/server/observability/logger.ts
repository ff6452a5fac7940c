// The server's log: JSON lines (pino) at LOG_LEVEL, one object per event, so a log pipeline
// can filter by request id, route or user. Local mode (the embedded database on a laptop)
// prints them readably instead (pino-pretty, in-process: no worker thread to ship).
//
// What may be logged is chosen where a line is written (ids, route patterns, statuses,
// counts), never whole requests, headers, bodies or query strings: those carry session
// cookies, API tokens and magic-link secrets. The redaction below is a second line of defence.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const holder = globalThis as { fellowshipLogger?: Logger };

function createLogger(): Logger {
  const requested = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  const level = (LEVELS as readonly string[]).includes(requested) ? requested : 'info';
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['authorization', 'cookie', 'token', 'secret', 'password', '*.authorization', '*.cookie', '*.token', '*.secret', '*.password', 'headers', '*.headers', 'body', '*.body'],
      censor: '[redacted]',
    },
  };
  const readable = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.env.FELLOWSHIP_LOCAL_MODE === '1');
  return readable
    ? pino(options, pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }))
    : pino(options);
}

/** The process's logger (one per process, shared by the serving code and the bundled app). */
export function logger(): Logger {
  holder.fellowshipLogger ??= createLogger();
  return holder.fellowshipLogger;
}
