// Writing notifications: each one a row in the Notification ledger and a job on the queue
// (graphile-worker's add_job, called in SQL), in the caller's transaction, so a notification
// is queued exactly when the change that causes it commits. The ledger's dedupeKey is unique:
// queueing the same notification again adds nothing.
import type { Prisma } from '@/generated/prisma/client';
import type { NotificationKind } from '@/lib/notification-kinds';
import type { NotificationPayloads } from '@/server/email/payloads';
import type { Db } from '@/server/services/context';
import { candidateKey, findSkipReasons } from './recipients';

export const SEND_TASK = 'send-notification';
/** Attempts of one send before it is marked failed: graphile-worker's backoff spreads 8 over about 80 minutes. */
export const SEND_MAX_ATTEMPTS = 8;

export type NotificationDraft<K extends NotificationKind = NotificationKind> = {
  kind: K;
  dedupeKey: string;
  toEmail: string;
  userId: string | null;
  cohortId: string | null;
  subjectId?: string | null;
  payload: NotificationPayloads[K];
};

type Client = Db | Prisma.TransactionClient;

/** Rows per statement. Outside a transaction each chunk's jobs can start while the next is written. */
const CHUNK = 250;

/** Queues the drafts not queued before; returns how many were new and their ids. */
export async function queueNotifications(client: Client, drafts: NotificationDraft[], options: { runAt?: Date } = {}): Promise<{ queued: number; ids: string[] }> {
  const ids: string[] = [];
  for (let start = 0; start < drafts.length; start += CHUNK) {
    const created = await client.notification.createManyAndReturn({
      data: drafts.slice(start, start + CHUNK).map((draft) => ({
        kind: draft.kind,
        dedupeKey: draft.dedupeKey,
        toEmail: draft.toEmail.toLowerCase(),
        userId: draft.userId,
        cohortId: draft.cohortId,
        subjectId: draft.subjectId ?? null,
        payload: draft.payload as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    const chunkIds = created.map((row) => row.id);
    await addSendJobs(client, chunkIds, options.runAt);
    ids.push(...chunkIds);
  }
  return { queued: ids.length, ids };
}

/**
 * The common path of every planner and trigger: queues those of the drafts (one kind, one
 * cohort) whose recipient may get them (recipients.ts); returns how many were new.
 */
export async function queueDeliverable(client: Client, kind: NotificationKind, cohortId: string | null, drafts: NotificationDraft[]): Promise<number> {
  if (!drafts.length) return 0;
  const candidateOf = (draft: NotificationDraft) => ({ userId: draft.userId, email: draft.toEmail });
  const reasons = await findSkipReasons(client as Db, { kind, cohortId, candidates: drafts.map(candidateOf) });
  return (await queueNotifications(client, drafts.filter((draft) => !reasons.has(candidateKey(candidateOf(draft)))))).queued;
}

/**
 * One send job per notification, keyed by its id: adding the key again while the job waits
 * replaces it instead of adding a second one.
 */
export async function addSendJobs(client: Client, notificationIds: string[], runAt?: Date): Promise<void> {
  for (let start = 0; start < notificationIds.length; start += 1000) {
    const chunk = notificationIds.slice(start, start + 1000);
    await client.$queryRaw`
      SELECT count(graphile_worker.add_job(
        ${SEND_TASK}::text,
        json_build_object('id', id),
        job_key => 'notify:' || id,
        max_attempts => ${SEND_MAX_ATTEMPTS}::int,
        run_at => ${runAt ?? null}::timestamptz
      ))::int AS added
      FROM unnest(${chunk}::text[]) AS id`;
  }
}
