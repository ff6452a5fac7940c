// The caller's own sign-in sessions. Tokens never leave the server: the session this request
// came with is marked by comparing tokens here.
import { deleteAllSessions, listSessions } from '@/server/services/auth/sessions';
import type { UserContext } from '@/server/services/context';

export async function listAccountSessions(ctx: UserContext, input: { currentToken: string | null }) {
  const { db } = ctx;
  const userId = ctx.user.id;
  const { currentToken } = input;
  const [sessions, current] = await Promise.all([
    listSessions(db, userId),
    currentToken
      ? db.session.findUnique({ where: { sessionToken: currentToken }, select: { id: true, userId: true } })
      : null,
  ]);
  const currentId = current?.userId === userId ? current.id : null;
  return sessions.map((session) => ({ ...session, current: session.id === currentId }));
}

export type AccountSession = Awaited<ReturnType<typeof listAccountSessions>>[number];

/** Ends every session of the user, this one included; returns how many ended. */
export async function signOutEverywhere(ctx: UserContext): Promise<{ ended: number }> {
  const { db } = ctx;
  const userId = ctx.user.id;
  return { ended: await deleteAllSessions(db, userId) };
}
