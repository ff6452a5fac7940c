// The local dev mailbox: in local mode without SMTP, every outgoing email (sign-in links and
// notifications) is kept here and shown at /dev/mailbox instead of being sent.
import type { ServiceContext } from '@/server/services/context';

/** The latest emails kept, newest first. */
export function listDevMailboxMessages(ctx: ServiceContext, input: { limit: number } = { limit: 50 }) {
  return ctx.db.devMailboxMessage.findMany({
    orderBy: { createdAt: 'desc' },
    take: input.limit,
    select: { id: true, to: true, subject: true, url: true, kind: true, createdAt: true },
  });
}

export async function saveDevMailboxMessage(
  ctx: ServiceContext,
  input: { to: string; subject: string; text: string; url: string | null; html?: string | null; kind?: string | null },
) {
  await ctx.db.devMailboxMessage.create({ data: input, select: { id: true } });
}

/** One email, with its rendered HTML when it has one. */
export function getDevMailboxMessage(ctx: ServiceContext, input: { id: string }) {
  return ctx.db.devMailboxMessage.findUnique({ where: { id: input.id }, select: { id: true, subject: true, text: true, html: true } });
}
