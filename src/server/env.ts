// Environment variables, validated once at start-up. A missing or malformed variable stops
// start-up with one line that names it (see .env.example for what each one does).
import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const postgresUrl = optionalString.refine(
  (value) => value === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
  { message: 'must be a PostgreSQL URL such as postgres://user:password@localhost:5432/fellowship' },
);

const port = (fallback?: number) =>
  optionalString
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => value === undefined || (Number.isInteger(value) && value > 0 && value < 65536), {
      message: 'must be a port number between 1 and 65535',
    });

const flag = optionalString.refine((value) => value === undefined || /^(0|1|true|false)$/.test(value), {
  message: 'must be 1 or 0',
});

const positiveInt = (fallback: number) =>
  optionalString
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => Number.isInteger(value) && value > 0, { message: 'must be a whole number above 0' });

/** A number of days, at least `min` (a retention period: 0 can mean "as soon as it is over"). */
const days = (fallback: number, min: number, why = '') =>
  optionalString
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => Number.isInteger(value) && value >= min, { message: `must be a whole number of days, at least ${min}${why}` });

const httpUrl = optionalString.refine((value) => value === undefined || /^https?:\/\//.test(value) && URL.canParse(value), {
  message: 'must be an http(s) URL such as https://fellowship.example.org',
});

const smtpUrl = optionalString.refine((value) => value === undefined || /^smtps?:\/\//.test(value) && URL.canParse(value), {
  message: 'must be an SMTP URL such as smtp://user:password@smtp.example.org:587',
});

export const envSchema = z.object({
  DATABASE_URL: postgresUrl,
  /**
   * A direct connection to the same database, for what a transaction-mode pooler (PgBouncer)
   * cannot carry: migrations, advisory locks, LISTEN and the job worker. Setting it says that
   * DATABASE_URL goes through such a pooler. Default: DATABASE_URL.
   */
  DIRECT_DATABASE_URL: postgresUrl,
  /** Connections one process keeps open to DATABASE_URL. */
  DATABASE_POOL_SIZE: positiveInt(10),
  FELLOWSHIP_DATA_DIR: optionalString.transform((value) => value ?? '.fellowship'),
  FELLOWSHIP_PG_PORT: port(),
  PORT: port(3000).transform((value) => value ?? 3000),
  // Not HOSTNAME: shells and Docker set that to the machine's name. Local mode (the embedded
  // database) listens on 127.0.0.1 unless this says otherwise; see README "Opening local mode to a network".
  FELLOWSHIP_HOST: optionalString,
  /** Host names the site answers to besides NEXTAUTH_URL's and the loopback names, comma-separated. */
  FELLOWSHIP_ALLOWED_HOSTS: optionalString.transform((value) =>
    (value ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  ),
  FELLOWSHIP_DEMO_DATA: flag.transform((value) => value === undefined || value === '1' || value === 'true'),

  // Sign-in (next-auth). NEXTAUTH_SECRET is generated and kept in FELLOWSHIP_DATA_DIR for the
  // embedded default; a deployment with DATABASE_URL must set it.
  NEXTAUTH_URL: httpUrl,
  NEXTAUTH_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
    message: 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)',
  }),
  /** Demo mode: one-click sign-in as a demo person. Default: on with the embedded database only. */
  FELLOWSHIP_DEMO: flag.transform((value) => (value === undefined ? undefined : value === '1' || value === 'true')),
  SMTP_URL: smtpUrl,
  EMAIL_FROM: optionalString.transform((value) => value ?? 'Fellowship <no-reply@localhost>'),
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  /** A session ends this many days after sign-in, however active it is. */
  FELLOWSHIP_SESSION_MAX_DAYS: positiveInt(30),
  /** …and after this many days without a visit. */
  FELLOWSHIP_SESSION_IDLE_DAYS: positiveInt(14),
  FELLOWSHIP_INVITATION_DAYS: positiveInt(14),
  /** Sign-in emails per address, and per IP address, per hour. */
  FELLOWSHIP_SIGNIN_EMAILS_PER_HOUR: positiveInt(5),
  FELLOWSHIP_SIGNIN_EMAILS_PER_IP_PER_HOUR: positiveInt(30),
  /** Requests per minute one API token may make to /api/v1 (training jobs send a batch every 2 s). */
  FELLOWSHIP_API_REQUESTS_PER_MINUTE: positiveInt(600),
  /** "host:port" pairs the link checker may ask although private (an intranet's readings), comma-separated. */
  FELLOWSHIP_LINK_CHECK_ALLOW: optionalString.transform((value) =>
    (value ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  ),
  /** The largest body a tRPC call may send (the web UI's calls; imports send up to 1 MB of text). */
  FELLOWSHIP_TRPC_MAX_BODY_BYTES: positiveInt(2 * 1024 * 1024),
  /** Images a training job may keep: per run and per person (count and megabytes). See README "Quotas". */
  FELLOWSHIP_ARTIFACTS_PER_RUN: positiveInt(200),
  FELLOWSHIP_ARTIFACT_MB_PER_RUN: positiveInt(100),
  FELLOWSHIP_ARTIFACTS_PER_USER: positiveInt(2000),
  FELLOWSHIP_ARTIFACT_MB_PER_USER: positiveInt(1000),
  /** Active API tokens one person may hold. */
  FELLOWSHIP_API_TOKENS_PER_USER: positiveInt(20),
  /** Emails one worker process sends per minute at most (your SMTP provider's limit). */
  FELLOWSHIP_EMAILS_PER_MINUTE: positiveInt(600),
  /** SMTP connections one worker process keeps open. */
  FELLOWSHIP_SMTP_CONNECTIONS: positiveInt(5),
  /** `npm start` runs a job worker inside the app unless this is 0 (then run `fellowship worker`). */
  FELLOWSHIP_WORKER: flag.transform((value) => value === undefined || value === '1' || value === 'true'),
  /** Jobs one worker process runs at once. */
  FELLOWSHIP_WORKER_CONCURRENCY: positiveInt(16),
  /** On SIGTERM a server answers readiness with 503 this long before it stops accepting, so the load balancer moves away first. */
  FELLOWSHIP_DRAIN_SECONDS: optionalString
    .transform((value) => (value === undefined ? 5 : Number(value)))
    .refine((value) => Number.isFinite(value) && value >= 0 && value <= 300, { message: 'must be a number of seconds from 0 to 300' }),
  /** …then waits at most this long for the requests in flight. */
  FELLOWSHIP_SHUTDOWN_TIMEOUT_SECONDS: positiveInt(30),
  /** `/metrics` answers requests with `Authorization: Bearer <METRICS_TOKEN>`; without it, 404. */
  METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, { message: 'must be at least 16 characters' }),
  /** A second port that serves /metrics without a token (keep it off the public network). */
  METRICS_PORT: port(),
  /** Job workers serve their own /metrics (job durations, waits) on this port. */
  FELLOWSHIP_WORKER_METRICS_PORT: port(),
  LOG_LEVEL: optionalString.refine((value) => value === undefined || /^(fatal|error|warn|info|debug|trace|silent)$/i.test(value), {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }),
  /** Log lines as JSON (default) or readable (`pretty`, the default in local mode). */
  LOG_FORMAT: optionalString.refine((value) => value === undefined || /^(json|pretty)$/.test(value), { message: 'must be json or pretty' }),
  /**
   * Retention, applied daily by the worker (03:00 UTC) and by `fellowship db prune`: unused
   * sign-in links and ended sessions this many days after they expired, jobs that failed for
   * good this long after their last attempt, and sent (or failed, or skipped) emails this long
   * after they were queued. See README "Your data, erasure and retention".
   */
  FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS: days(1, 0),
  FELLOWSHIP_RETAIN_SESSION_DAYS: days(30, 0),
  FELLOWSHIP_RETAIN_FAILED_JOB_DAYS: days(30, 0),
  FELLOWSHIP_RETAIN_NOTIFICATION_DAYS: days(180, 14, ' (the email log is what stops an email going twice)'),
  /** Set by `npm start` for the Next process when it runs the embedded database. */
  FELLOWSHIP_LOCAL_MODE: flag.transform((value) => value === '1' || value === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/**
 * Loads `.env` from the project folder into process.env (variables already set win), so the
 * start script, the CLI and Next all see the same configuration.
 */
export function loadDotEnv(projectRoot: string): void {
  const file = path.join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Parses the environment; throws an EnvError whose message is one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = source[name];
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new EnvError(lines.join('\n'));
}
