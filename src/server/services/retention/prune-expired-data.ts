// Retention: what Fellowship stops keeping once it has served its purpose. Run daily by the job
// worker (cron item `prune-data`) and on demand by `fellowship db prune [--dry-run]`.
//
// Each rule deletes in batches, each batch its own short statement (`DELETE … WHERE ctid =
// ANY(ARRAY(SELECT ctid … LIMIT n))`), so a table with millions of old rows is never locked
// for long and a busy app keeps writing to it meanwhile. See docs/decisions/0030-data-lifecycle.md.
import { Prisma } from '@/generated/prisma/client';
import type { Env } from '@/server/env';
import { nowOf, type Db, type ServiceContext } from '@/server/services/context';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionSettings = {
  /** Unused sign-in links, this many days after they expired (used ones are deleted at use). */
  signInTokenDays: number;
  /** Sessions, this many days after they ended (idle expiry or their absolute lifetime). */
  sessionDays: number;
  /** Sessions end this many days after sign-in at the latest (FELLOWSHIP_SESSION_MAX_DAYS). */
  sessionMaxDays: number;
  /** Jobs that failed for good (kept to see why), this many days after their last attempt. */
  failedJobDays: number;
  /** Emails in the ledger that are no longer queued, this many days after they were queued. */
  notificationDays: number;
};

export const DEFAULT_RETENTION: RetentionSettings = { signInTokenDays: 1, sessionDays: 30, sessionMaxDays: 30, failedJobDays: 30, notificationDays: 180 };

type RetentionEnv = Pick<
  Env,
  'FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS' | 'FELLOWSHIP_RETAIN_SESSION_DAYS' | 'FELLOWSHIP_RETAIN_FAILED_JOB_DAYS' | 'FELLOWSHIP_RETAIN_NOTIFICATION_DAYS' | 'FELLOWSHIP_SESSION_MAX_DAYS'
>;

export function retentionSettingsFrom(env: RetentionEnv): RetentionSettings {
  return {
    signInTokenDays: env.FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS,
    sessionDays: env.FELLOWSHIP_RETAIN_SESSION_DAYS,
    sessionMaxDays: env.FELLOWSHIP_SESSION_MAX_DAYS,
    failedJobDays: env.FELLOWSHIP_RETAIN_FAILED_JOB_DAYS,
    notificationDays: env.FELLOWSHIP_RETAIN_NOTIFICATION_DAYS,
  };
}

export type PruneRuleName = 'signInTokens' | 'sessions' | 'failedJobs' | 'notifications' | 'rateLimitCounters';

export type PruneRuleResult = { rule: PruneRuleName; label: string; olderThan: Date; removed: number };

export type PruneReport = { dryRun: boolean; rules: PruneRuleResult[] };

type Rule = { rule: PruneRuleName; label: string; table: string; olderThan: Date; where: Prisma.Sql };

function rulesFor(settings: RetentionSettings, now: Date): Rule[] {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const sessionCutoff = ago(settings.sessionDays);
  return [
    {
      rule: 'signInTokens',
      label: 'expired sign-in links',
      table: '"VerificationToken"',
      olderThan: ago(settings.signInTokenDays),
      where: Prisma.sql`"expires" < ${ago(settings.signInTokenDays)}`,
    },
    {
      rule: 'sessions',
      label: 'ended sessions',
      table: '"Session"',
      olderThan: sessionCutoff,
      // A session ends at `expires` (idle) or its absolute lifetime after sign-in, whichever is first.
      where: Prisma.sql`("expires" < ${sessionCutoff} OR "createdAt" < ${new Date(sessionCutoff.getTime() - settings.sessionMaxDays * DAY_MS)})`,
    },
    {
      rule: 'failedJobs',
      label: 'jobs that failed for good',
      table: 'graphile_worker._private_jobs',
      olderThan: ago(settings.failedJobDays),
      // Only jobs out of attempts and not held by a worker; waiting and retrying jobs are work to do.
      where: Prisma.sql`attempts >= max_attempts AND locked_at IS NULL AND updated_at < ${ago(settings.failedJobDays)}`,
    },
    {
      rule: 'notifications',
      label: 'emails in the log',
      table: '"Notification"',
      olderThan: ago(settings.notificationDays),
      // A queued email that old is stuck, not history: it stays where an admin can see it.
      where: Prisma.sql`"createdAt" < ${ago(settings.notificationDays)} AND "status" <> 'QUEUED'`,
    },
    {
      rule: 'rateLimitCounters',
      label: 'rate-limit counters',
      table: '"RateLimitBucket"',
      // The longest window is an hour; a day-old counter (named by an address or an IP) counts nothing.
      olderThan: ago(1),
      where: Prisma.sql`"windowStart" < ${ago(1)}`,
    },
  ];
}

async function deleteInBatches(db: Db, rule: Rule, batchSize: number): Promise<number> {
  const table = Prisma.raw(rule.table);
  let removed = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${rule.where} LIMIT ${batchSize}))`;
    removed += count;
    if (count < batchSize) return removed;
  }
}

async function countMatching(db: Db, rule: Rule): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM ${Prisma.raw(rule.table)} WHERE ${rule.where}`;
  return rows[0]?.count ?? 0;
}

export type PruneInput = {
  settings: RetentionSettings;
  /** Count what would go and delete nothing. */
  dryRun?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
};

/** Applies every rule (or, dry, counts what each would remove); logs one line per rule. */
export async function pruneExpiredData(ctx: ServiceContext, input: PruneInput): Promise<PruneReport> {
  const dryRun = input.dryRun === true;
  const batchSize = input.batchSize ?? 5000;
  const results: PruneRuleResult[] = [];
  for (const rule of rulesFor(input.settings, nowOf(ctx))) {
    const removed = dryRun ? await countMatching(ctx.db, rule) : await deleteInBatches(ctx.db, rule, batchSize);
    results.push({ rule: rule.rule, label: rule.label, olderThan: rule.olderThan, removed });
    input.log?.(`${dryRun ? 'Would remove' : 'Removed'} ${removed} ${rule.label} (before ${rule.olderThan.toISOString().slice(0, 16).replace('T', ' ')} UTC).`);
  }
  return { dryRun, rules: results };
}
