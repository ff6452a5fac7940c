import { db } from '@/server/db/client';

/** The latest sign-in emails kept by the local dev mailbox, newest first. */
export function listDevMailboxMessages(limit = 50) {
  return db.devMailboxMessage.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, to: true, subject: true, url: true, createdAt: true },
  });
}
