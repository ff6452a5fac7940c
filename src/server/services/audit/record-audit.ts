// Writes one audit event, in the caller's transaction when it has one, so the change and its
// record land together or not at all. Who acted comes from the context: a signed-in person,
// or (user null) the operator at the command line.
import type { Prisma } from '@/generated/prisma/client';
import type { AuditAction } from '@/lib/audit-actions';
import type { Db, ServiceContext } from '@/server/services/context';

export type AuditEventInput = {
  action: Exclude<AuditAction, 'attendance.changed'>;
  cohortId?: string | null;
  /** What happened, in words, with the names as they are now. */
  summary: string;
  subjectType?: 'cohort' | 'membership' | 'group' | 'invitation' | 'user' | 'curriculum' | 'api_token' | 'announcement' | 'notification' | 'certificate';
  subjectId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** The command line's name in the log. */
export const COMMAND_LINE_ACTOR = 'the command line';

export function actorNameOf(ctx: Pick<ServiceContext, 'user'>): string {
  if (!ctx.user) return COMMAND_LINE_ACTOR;
  return ctx.user.name ? `${ctx.user.name} (${ctx.user.email})` : ctx.user.email;
}

export async function recordAudit(client: Db | Prisma.TransactionClient, ctx: Pick<ServiceContext, 'user' | 'now'>, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      ...(ctx.now ? { at: ctx.now } : {}),
      actorId: ctx.user?.id ?? null,
      actorName: actorNameOf(ctx),
      cohortId: event.cohortId ?? null,
      action: event.action,
      summary: event.summary,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      ...(event.before === undefined ? {} : { before: event.before }),
      ...(event.after === undefined ? {} : { after: event.after }),
    },
  });
}
