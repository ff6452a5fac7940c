// Weekly availability: each member paints the half-hours they could meet in their own zone;
// it is stored as UTC slots of the cohort's first week (src/lib/week-slots.ts) and shown back in
// their zone. Admins see who has painted; a reminder goes the day before the deadline.
import type { z } from 'zod';
import { saveAvailabilityInput } from '@/lib/schemas/availability';
import { localToUtcSlots, referenceMonday, SLOTS_PER_WEEK, utcToLocalSlots } from '@/lib/week-slots';
import { AppError } from '@/server/errors';
import { actingUser, type CohortContext, type Db, type MemberContext } from '@/server/services/context';
import { queueDeliverable, type NotificationDraft } from '@/server/services/notifications/queue-notifications';

export type MyAvailability = {
  timeZone: string;
  localSlots: number[];
  savedAt: Date | null;
  deadline: Date | null;
  cohortTimeZone: string;
  /** The Monday of the cohort's first week: the week the grid is read in. */
  referenceMonday: Date;
};

async function cohortFacts(db: Db, cohortId: string) {
  return db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { startDate: true, timeZone: true, status: true, applicationForm: { select: { availabilityDeadline: true } } } });
}

export async function getMyAvailability(ctx: MemberContext): Promise<MyAvailability> {
  const user = actingUser(ctx);
  const [cohort, saved, account] = await Promise.all([
    cohortFacts(ctx.db, ctx.access.cohortId),
    ctx.db.availability.findUnique({ where: { cohortId_userId: { cohortId: ctx.access.cohortId, userId: user.id } }, select: { timeZone: true, slots: true, updatedAt: true } }),
    ctx.db.user.findUnique({ where: { id: user.id }, select: { timeZone: true } }),
  ]);
  const monday = referenceMonday(cohort.startDate);
  const timeZone = saved?.timeZone ?? account?.timeZone ?? cohort.timeZone;
  return {
    timeZone,
    localSlots: saved ? utcToLocalSlots(saved.slots, timeZone, monday) : [],
    savedAt: saved?.updatedAt ?? null,
    deadline: cohort.applicationForm?.availabilityDeadline ?? null,
    cohortTimeZone: cohort.timeZone,
    referenceMonday: monday,
  };
}

export async function saveMyAvailability(ctx: MemberContext, rawInput: z.input<typeof saveAvailabilityInput>): Promise<MyAvailability> {
  const input = saveAvailabilityInput.parse(rawInput);
  const user = actingUser(ctx);
  const cohort = await cohortFacts(ctx.db, ctx.access.cohortId);
  if (cohort.status === 'ARCHIVED') throw new AppError('BAD_REQUEST', 'This cohort is archived: nothing can change.');
  const slots = localToUtcSlots(input.localSlots, input.timeZone, referenceMonday(cohort.startDate));
  await ctx.db.availability.upsert({
    where: { cohortId_userId: { cohortId: ctx.access.cohortId, userId: user.id } },
    create: { cohortId: ctx.access.cohortId, userId: user.id, timeZone: input.timeZone, slots },
    update: { timeZone: input.timeZone, slots },
  });
  return getMyAvailability(ctx);
}

export type AvailabilitySummary = {
  deadline: Date | null;
  people: { userId: string; name: string; email: string; role: 'FELLOW' | 'FACILITATOR'; painted: boolean; hours: number; timeZone: string | null }[];
  /** How many members are free at each UTC slot (for a heat map), fellows and facilitators apart. */
  fellowsFree: number[];
  facilitatorsFree: number[];
};

/** Who has painted, and how many are free when: for the admin before forming groups. */
export async function summariseAvailability(ctx: CohortContext): Promise<AvailabilitySummary> {
  const { db, access } = ctx;
  const [cohort, members, rows] = await Promise.all([
    cohortFacts(db, access.cohortId),
    db.membership.findMany({
      where: { cohortId: access.cohortId, leftAt: null },
      orderBy: [{ role: 'desc' }, { user: { name: 'asc' } }],
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.availability.findMany({ where: { cohortId: access.cohortId }, select: { userId: true, slots: true, timeZone: true } }),
  ]);
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  const fellowsFree = new Array<number>(SLOTS_PER_WEEK).fill(0);
  const facilitatorsFree = new Array<number>(SLOTS_PER_WEEK).fill(0);
  const people = members.map((member) => {
    const row = byUser.get(member.user.id);
    for (const slot of row?.slots ?? []) (member.role === 'FACILITATOR' ? facilitatorsFree : fellowsFree)[slot]!++;
    return {
      userId: member.user.id,
      name: member.user.name ?? member.user.email,
      email: member.user.email,
      role: member.role,
      painted: Boolean(row?.slots.length),
      hours: (row?.slots.length ?? 0) / 2,
      timeZone: row?.timeZone ?? null,
    };
  });
  return { deadline: cohort.applicationForm?.availabilityDeadline ?? null, people, fellowsFree, facilitatorsFree };
}

/**
 * The day before a cohort's availability deadline: a reminder to every member who has not
 * painted yet, once. Called every minute by the notification planner.
 */
export async function planAvailabilityReminders(db: Db, now: Date): Promise<number> {
  const due = await db.applicationForm.findMany({
    where: { availabilityDeadline: { gt: now, lte: new Date(now.getTime() + 24 * 3600_000) }, cohort: { status: { not: 'ARCHIVED' } } },
    select: { availabilityDeadline: true, cohort: { select: { id: true, name: true, slug: true, timeZone: true } } },
  });
  let queued = 0;
  for (const { cohort, availabilityDeadline } of due) {
    const missing = await db.membership.findMany({
      where: { cohortId: cohort.id, leftAt: null, user: { availability: { none: { cohortId: cohort.id } } } },
      select: { user: { select: { id: true, email: true } } },
    });
    if (!missing.length) continue;
    const drafts: NotificationDraft<'AVAILABILITY_REQUEST'>[] = missing.map(({ user }) => ({
      kind: 'AVAILABILITY_REQUEST',
      dedupeKey: `availability-reminder:${cohort.id}:${user.id}`,
      toEmail: user.email,
      userId: user.id,
      cohortId: cohort.id,
      payload: { cohortName: cohort.name, cohortSlug: cohort.slug, cohortTimeZone: cohort.timeZone, deadline: availabilityDeadline!.toISOString(), reminder: true },
    }));
    queued += await queueDeliverable(db, 'AVAILABILITY_REQUEST', cohort.id, drafts);
  }
  return queued;
}
