// Which emails a person gets: each topic on or off (no row means the topic's default), set on
// the account page or by an unsubscribe link without signing in.
import { EMAIL_TOPICS, TOPICS, type EmailTopic } from '@/lib/notification-kinds';
import type { Db, ServiceContext, UserContext } from '@/server/services/context';
import { verifyUnsubscribeToken } from './unsubscribe-token';

export type EmailPreferences = { topic: EmailTopic; label: string; description: string; enabled: boolean }[];

export async function getEmailPreferences(ctx: UserContext): Promise<{ preferences: EmailPreferences; bouncing: boolean; timeZone: string | null }> {
  const [rows, bouncing, user] = await Promise.all([
    ctx.db.emailPreference.findMany({ where: { userId: ctx.user.id }, select: { topic: true, enabled: true } }),
    ctx.db.bouncingAddress.findUnique({ where: { email: ctx.user.email.toLowerCase() }, select: { email: true } }),
    ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: { timeZone: true } }),
  ]);
  const chosen = new Map(rows.map((row) => [row.topic, row.enabled]));
  return {
    preferences: EMAIL_TOPICS.map((topic) => ({ topic, ...TOPICS[topic], enabled: chosen.get(topic) ?? TOPICS[topic].defaultOn })),
    bouncing: Boolean(bouncing),
    timeZone: user?.timeZone ?? null,
  };
}

async function writePreference(db: Db, userId: string, topic: EmailTopic, enabled: boolean) {
  await db.emailPreference.upsert({
    where: { userId_topic: { userId, topic } },
    create: { userId, topic, enabled },
    update: { enabled },
    select: { topic: true },
  });
}

export async function setEmailPreferences(ctx: UserContext, input: { topics: Partial<Record<EmailTopic, boolean>>; timeZone?: string | null }) {
  const entries = Object.entries(input.topics) as [EmailTopic, boolean][];
  await ctx.db.$transaction(async (tx) => {
    for (const [topic, enabled] of entries) await writePreference(tx as Db, ctx.user.id, topic, enabled);
    if (input.timeZone !== undefined) await tx.user.update({ where: { id: ctx.user.id }, data: { timeZone: input.timeZone }, select: { id: true } });
  });
  return getEmailPreferences(ctx);
}

/**
 * The unsubscribe link: turns one topic off for the person the token names. A tampered or
 * foreign token changes nothing and says so.
 */
export async function unsubscribeWithToken(ctx: ServiceContext, input: { token: string; secret: string }) {
  const verified = verifyUnsubscribeToken(input.secret, input.token);
  if (!verified) return { ok: false as const };
  const user = await ctx.db.user.findUnique({ where: { id: verified.userId }, select: { id: true, email: true } });
  if (!user) return { ok: false as const };
  await writePreference(ctx.db, user.id, verified.topic, false);
  return { ok: true as const, topic: verified.topic, label: TOPICS[verified.topic].label, email: user.email };
}

/** The topic a token names, for the unsubscribe page's confirmation (nothing changes). */
export function describeUnsubscribeToken(input: { token: string; secret: string }) {
  const verified = verifyUnsubscribeToken(input.secret, input.token);
  return verified ? { topic: verified.topic, label: TOPICS[verified.topic].label } : null;
}
