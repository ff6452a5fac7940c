// Global user administration: who is an admin, whose account is disabled. The app must always
// keep at least one admin who can sign in, or nobody could manage it any more.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { AppError } from '@/server/errors';
import type { ServiceContext, UserContext, Db } from '@/server/services/context';
import { setAdminInput, setDisabledInput } from '@/lib/schemas/users';
import { displayName } from '@/lib/format';
import { recordAudit } from '@/server/services/audit/record-audit';

const auditedUserSelect = { isAdmin: true, disabledAt: true, name: true, email: true } as const;

export async function listUsers(ctx: ServiceContext) {
  const { db } = ctx;
  const users = await db.user.findMany({
    orderBy: [{ isAdmin: 'desc' }, { name: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      isAdmin: true,
      disabledAt: true,
      erasedAt: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
  });
  return users.map(({ _count, ...user }) => ({ ...user, membershipCount: _count.memberships }));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

const userRowSelect = { id: true, email: true, name: true, isAdmin: true, disabledAt: true } as const;

const LAST_ADMIN_MESSAGE =
  'This is the last admin who can sign in. Make someone else an admin first, then try again.';

/**
 * Serializable, so two admins removing each other at the same moment cannot both succeed and
 * leave nobody in charge; the loser is told to try again.
 */
async function inSerializableTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') {
      throw new AppError('CONFLICT', 'Someone changed this user at the same moment. Reload the page and try again.');
    }
    throw error;
  }
}

export async function setAdmin(ctx: ServiceContext, input: z.infer<typeof setAdminInput>) {
  return inSerializableTransaction(ctx.db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: auditedUserSelect });
    if (!user) throw new AppError('NOT_FOUND', 'No such user. Reload the page to see the current list.');
    if (user.isAdmin && !input.isAdmin && !user.disabledAt) {
      const otherAdmins = await tx.user.count({ where: { isAdmin: true, disabledAt: null, id: { not: input.userId } } });
      if (otherAdmins === 0) throw new AppError('CONFLICT', LAST_ADMIN_MESSAGE);
    }
    const updated = await tx.user.update({ where: { id: input.userId }, data: { isAdmin: input.isAdmin }, select: userRowSelect });
    if (user.isAdmin !== input.isAdmin) {
      await recordAudit(tx, ctx, {
        action: input.isAdmin ? 'user.admin_granted' : 'user.admin_removed',
        summary: `${displayName(user)} ${input.isAdmin ? 'is now an admin' : 'is no longer an admin'}`,
        subjectType: 'user',
        subjectId: input.userId,
        before: { isAdmin: user.isAdmin },
        after: { isAdmin: input.isAdmin },
      });
    }
    return updated;
  });
}

/** Disabling ends the person's sessions at once; enabling lets them sign in again. */
export async function setDisabled(ctx: UserContext, input: z.infer<typeof setDisabledInput>) {
  const actorId = ctx.user.id;
  if (input.disabled && input.userId === actorId) {
    throw new AppError('FORBIDDEN', 'You cannot disable your own account. Ask another admin to do it.');
  }
  return inSerializableTransaction(ctx.db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: auditedUserSelect });
    if (!user) throw new AppError('NOT_FOUND', 'No such user. Reload the page to see the current list.');
    if (input.disabled && user.isAdmin && !user.disabledAt) {
      const otherAdmins = await tx.user.count({ where: { isAdmin: true, disabledAt: null, id: { not: input.userId } } });
      if (otherAdmins === 0) throw new AppError('CONFLICT', LAST_ADMIN_MESSAGE);
    }
    if (input.disabled) await tx.session.deleteMany({ where: { userId: input.userId } });
    const updated = await tx.user.update({
      where: { id: input.userId },
      // Keep the first disabling time when asked twice.
      data: { disabledAt: input.disabled ? (user.disabledAt ?? new Date()) : null },
      select: userRowSelect,
    });
    if (Boolean(user.disabledAt) !== input.disabled) {
      await recordAudit(tx, ctx, {
        action: input.disabled ? 'user.disabled' : 'user.enabled',
        summary: `${displayName(user)}’s account was ${input.disabled ? 'disabled' : 'enabled again'}`,
        subjectType: 'user',
        subjectId: input.userId,
        before: { disabled: Boolean(user.disabledAt) },
        after: { disabled: input.disabled },
      });
    }
    return updated;
  });
}
