// A fellow's home: ticking readings (idempotent, own readings only, own cohort only), private
// notes per week, and the week, minutes left and progress the home page shows, on a
// hand-built syllabus in Los Angeles, where the week ends at Sunday midnight local time,
// hours after it has ended in UTC. Also the "Add to calendar" file of a group's meetings.

import { beforeAll, describe, expect, it } from 'vitest';
import { toIsoDate } from '@/lib/cohort-calendar';
import { createCaller } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';
import { db } from '@/server/db/client';

import { createSession } from '@/server/services/auth/sessions';
import { resolveCohortAccess, type CohortAccess } from '@/server/services/cohorts/cohort-access';
import { getCohortHome } from '@/server/services/cohorts/get-cohort-home';
import { saveWeekReflection } from '@/server/services/progress/save-week-reflection';
import { setReadingDone } from '@/server/services/progress/set-reading-done';
import { seedDemoData } from '@/server/services/demo/seed-demo';
import { GET as getMeetingsIcs } from '@/app/(app)/cohorts/[slug]/meetings.ics/route';
import { createCohort, createCurriculum, createGroup, createMembership, createUser, inCohort } from '../factories';
import { systemContext } from '@/server/services/context';
import { caughtAppOrTRPCError } from '../support/app-errors';

const LA = 'America/Los_Angeles';
// Monday 1 March 2027. Daylight saving starts on 14 March, so the first two weeks are PST (UTC-8).
const START = new Date('2027-03-01T00:00:00Z');
/** Sunday 7 March 2027, 23:30 in Los Angeles: already Monday 07:30 in UTC. */
const SUNDAY_LATE = new Date('2027-03-08T07:30:00Z');
/** Monday 8 March 2027, 00:30 in Los Angeles. */
const MONDAY_EARLY = new Date('2027-03-08T08:30:00Z');

/**
 * Three one-week units. Week 1: core A (10 min), B (20 min), C (no estimate), D (15 min, marked
 * optional) and, in an optional section, E (30 min). Week 2: core F (25), G (35). Week 3: core H (40).
 */
function handBuiltSyllabus(slug: string) {
  const item = (position: number, title: string, minutes: number | null, optional = false) => ({
    position,
    title,
    url: `https://example.com/${title.toLowerCase().replaceAll(' ', '-')}`,
    minutes,
    optional,
  });
  return createCurriculum({
    slug,
    weeks: {
      create: [
        {
          position: 1,
          number: 1,
          title: 'Foundations',
          sections: {
            create: [
              {
                position: 1,
                title: 'Core Readings',
                kind: 'CORE',
                items: { create: [item(1, 'Reading A', 10), item(2, 'Reading B', 20), item(3, 'Reading C', null), item(4, 'Reading D', 15, true)] },
              },
              { position: 2, title: 'Further reading', kind: 'OPTIONAL', items: { create: [item(1, 'Reading E', 30)] } },
            ],
          },
        },
        {
          position: 2,
          number: 2,
          title: 'Diffusion',
          sections: { create: [{ position: 1, title: 'Core Readings', kind: 'CORE', items: { create: [item(1, 'Reading F', 25), item(2, 'Reading G', 35)] } }] },
        },
        {
          position: 3,
          number: 3,
          title: 'Evaluation',
          sections: { create: [{ position: 1, title: 'Core Readings', kind: 'CORE', items: { create: [item(1, 'Reading H', 40)] } }] },
        },
      ],
    },
  });
}

async function accessOf(slug: string, userId: string): Promise<CohortAccess> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, isAdmin: true } });
  const access = await resolveCohortAccess(db, slug, user);
  if (!access) throw new Error(`No access to ${slug}`);
  return access;
}

async function cookieOf(userId: string): Promise<string> {
  const { sessionToken } = await createSession(db, userId, { maxAgeMs: 86_400_000, idleMs: 86_400_000 });
  return `next-auth.session-token=${sessionToken}`;
}

async function callerOf(userId: string) {
  return createCaller(await createTRPCContext({ headers: new Headers({ cookie: await cookieOf(userId) }) }));
}

describe('a fellow’s progress', () => {
  let items: Record<string, string>;
  let weekIds: string[];
  let cohort: { id: string; slug: string };
  let groupId: string;
  let ada: { userId: string; membershipId: string; access: CohortAccess };
  let ben: { userId: string; membershipId: string; access: CohortAccess };
  let facilitator: CohortAccess;
  let admin: CohortAccess;
  let otherCohortItemId: string;
  let otherCohortWeekId: string;

  const ticksOf = (membershipId: string) =>
    db.readingProgress.findMany({ where: { membershipId }, select: { itemId: true, completedAt: true }, orderBy: { itemId: 'asc' } });

  beforeAll(async () => {
    const curriculum = await handBuiltSyllabus('progress-track');
    cohort = await createCohort({ slug: 'progress-la', status: 'ACTIVE', timeZone: LA, startDate: START, curriculumId: curriculum.id });
    groupId = (await createGroup(cohort.id, { name: 'Group A', meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, location: 'Room 2.14' })).id;
    const rows = await db.curriculumItem.findMany({ where: { section: { week: { curriculumId: curriculum.id } } }, select: { id: true, title: true } });
    items = Object.fromEntries(rows.map((row) => [row.title.replace('Reading ', ''), row.id]));
    weekIds = (await db.curriculumWeek.findMany({ where: { curriculumId: curriculum.id }, orderBy: { position: 'asc' }, select: { id: true } })).map((w) => w.id);

    const fellow = async (name: string) => {
      const user = await createUser({ name });
      const membership = await createMembership(cohort.id, 'FELLOW', { userId: user.id, groupId });
      return { userId: user.id, membershipId: membership.id, access: await accessOf(cohort.slug, user.id) };
    };
    ada = await fellow('Ada');
    ben = await fellow('Ben');
    const facilitatorUser = await createUser({ name: 'Fay' });
    const facilitatorMembership = await createMembership(cohort.id, 'FACILITATOR', { userId: facilitatorUser.id });
    await db.groupFacilitator.create({ data: { groupId, membershipId: facilitatorMembership.id } });
    facilitator = await accessOf(cohort.slug, facilitatorUser.id);
    admin = await accessOf(cohort.slug, (await createUser({ name: 'Root', isAdmin: true })).id);

    // Another cohort, on its own syllabus.
    const other = await createCohort({ slug: 'progress-other', status: 'ACTIVE' });
    const otherItem = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculum: { cohorts: { some: { id: other.id } } } } } } });
    otherCohortItemId = otherItem.id;
    otherCohortWeekId = (await db.curriculumWeek.findFirstOrThrow({ where: { curriculum: { cohorts: { some: { id: other.id } } } } })).id;
  });

  describe('ticking readings', () => {
    it('ticks a reading once: a second tick keeps the first time', async () => {
      const first = await setReadingDone(inCohort(ada.access, null, new Date('2027-03-02T10:00:00Z')), { itemId: items.A!, done: true });
      expect(first).toEqual({ itemId: items.A, done: true, completedAt: new Date('2027-03-02T10:00:00Z') });
      const second = await setReadingDone(inCohort(ada.access, null, new Date('2027-03-03T10:00:00Z')), { itemId: items.A!, done: true });
      expect(second.completedAt).toEqual(new Date('2027-03-02T10:00:00Z'));
      expect(await ticksOf(ada.membershipId)).toEqual([{ itemId: items.A, completedAt: new Date('2027-03-02T10:00:00Z') }]);
      // The last activity is the latest tick, even one that changed nothing.
      const membership = await db.membership.findUniqueOrThrow({ where: { id: ada.membershipId }, select: { lastActivityAt: true } });
      expect(membership.lastActivityAt).toEqual(new Date('2027-03-03T10:00:00Z'));
    });

    it('ticks and unticks racing each other on one reading all succeed (two tabs, a double click)', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => setReadingDone(inCohort(ada.access), { itemId: items.B!, done: i % 2 === 0 })),
      );
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      await setReadingDone(inCohort(ada.access), { itemId: items.B!, done: false });
    });

    it('unticks, and unticking again (or a reading never ticked) is fine', async () => {
      await setReadingDone(inCohort(ada.access, null, new Date('2027-03-04T09:00:00Z')), { itemId: items.A!, done: false });
      expect(await ticksOf(ada.membershipId)).toEqual([]);
      // An untick is activity too.
      const membership = await db.membership.findUniqueOrThrow({ where: { id: ada.membershipId }, select: { lastActivityAt: true } });
      expect(membership.lastActivityAt).toEqual(new Date('2027-03-04T09:00:00Z'));
      expect(await setReadingDone(inCohort(ada.access), { itemId: items.A!, done: false })).toEqual({ itemId: items.A, done: false, completedAt: null });
      expect(await setReadingDone(inCohort(ada.access), { itemId: items.H!, done: false })).toMatchObject({ done: false });
      expect(await ticksOf(ada.membershipId)).toEqual([]);
    });

    it('only ever marks the caller’s own readings, whatever the input names', async () => {
      const asBen = await callerOf(ben.userId);
      // An extra field is not part of the input: it is dropped, never used to pick a fellow.
      await asBen.progress.setReadingDone({ cohort: cohort.slug, itemId: items.B!, done: true, membershipId: ada.membershipId } as never);
      expect((await ticksOf(ben.membershipId)).map((tick) => tick.itemId)).toEqual([items.B]);
      expect(await ticksOf(ada.membershipId)).toEqual([]);
      // Ben cannot untick Ada's reading either: his untick touches only his own row.
      await setReadingDone(inCohort(ada.access), { itemId: items.B!, done: true });
      await asBen.progress.setReadingDone({ cohort: cohort.slug, itemId: items.B!, done: false });
      expect((await ticksOf(ada.membershipId)).map((tick) => tick.itemId)).toEqual([items.B]);
      expect(await ticksOf(ben.membershipId)).toEqual([]);
      await setReadingDone(inCohort(ada.access), { itemId: items.B!, done: false });
    });

    it('refuses a reading of another cohort’s syllabus, or one that does not exist', async () => {
      expect(await caughtAppOrTRPCError(setReadingDone(inCohort(ada.access), { itemId: otherCohortItemId, done: true }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await caughtAppOrTRPCError(setReadingDone(inCohort(ada.access), { itemId: 'no-such-reading', done: true }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await db.readingProgress.count({ where: { itemId: otherCohortItemId } })).toBe(0);
    });

    it('refuses admins and facilitators who are not fellows: they have no readings to tick', async () => {
      expect(await caughtAppOrTRPCError(setReadingDone(inCohort(facilitator), { itemId: items.A!, done: true }))).toMatchObject({ code: 'FORBIDDEN', message: /Only fellows/ });
      expect(await caughtAppOrTRPCError(setReadingDone(inCohort(admin), { itemId: items.A!, done: true }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await caughtAppOrTRPCError(saveWeekReflection(inCohort(facilitator), { weekId: weekIds[0]!, text: 'Hi' }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('checks the input through the router', async () => {
      const asAda = await callerOf(ada.userId);
      expect(await caughtAppOrTRPCError(asAda.progress.setReadingDone({ cohort: cohort.slug, itemId: '', done: true }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await caughtAppOrTRPCError(asAda.progress.setReadingDone({ cohort: cohort.slug, itemId: items.A!, done: 'yes' } as never))).toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  describe('notes on a week', () => {
    it('saves, replaces and (when emptied) deletes a private note', async () => {
      const saved = await saveWeekReflection(inCohort(ada.access), { weekId: weekIds[0]!, text: '  Scaling made sense.  ' });
      expect(saved).toMatchObject({ weekId: weekIds[0], text: 'Scaling made sense.' });
      await saveWeekReflection(inCohort(ada.access), { weekId: weekIds[0]!, text: 'Scaling made more sense on a second read.' });
      const rows = await db.weekReflection.findMany({ where: { weekId: weekIds[0] }, select: { membershipId: true, text: true } });
      expect(rows).toEqual([{ membershipId: ada.membershipId, text: 'Scaling made more sense on a second read.' }]);

      // Private: Ben's home has no note on that week, Ada's has hers.
      const bensHome = await getCohortHome(inCohort(ben.access, null, SUNDAY_LATE));
      expect(bensHome.fellow!.thisWeek!.reflection).toBeNull();
      const adasHome = await getCohortHome(inCohort(ada.access, null, SUNDAY_LATE));
      expect(adasHome.fellow!.thisWeek!.reflection).toMatchObject({ text: 'Scaling made more sense on a second read.' });

      await saveWeekReflection(inCohort(ada.access), { weekId: weekIds[0]!, text: '   ' });
      expect(await db.weekReflection.count({ where: { membershipId: ada.membershipId } })).toBe(0);
    });

    it('refuses a week of another cohort, and a note that is too long', async () => {
      expect(await caughtAppOrTRPCError(saveWeekReflection(inCohort(ada.access), { weekId: otherCohortWeekId, text: 'Hi' }))).toMatchObject({ code: 'NOT_FOUND' });
      const asAda = await callerOf(ada.userId);
      const tooLong = await caughtAppOrTRPCError(asAda.progress.saveReflection({ cohort: cohort.slug, weekId: weekIds[0]!, text: 'x'.repeat(5001) }));
      expect(tooLong.code).toBe('BAD_REQUEST');
      expect(await db.weekReflection.count()).toBe(0);
    });
  });

  describe('the week, minutes left and progress', () => {
    it('keeps Sunday 23:30 in Los Angeles in the week ending that Sunday', async () => {
      const home = await getCohortHome(inCohort(ada.access, null, SUNDAY_LATE));
      expect(home.currentWeek).toMatchObject({ phase: 'running', teachingWeek: 1 });
      expect(home.fellow!.thisWeek).toMatchObject({ id: weekIds[0], title: 'Foundations' });
      expect(toIsoDate(home.fellow!.thisWeek!.endsOn)).toBe('2027-03-07');
      expect(home.fellow!.pastWeeks).toEqual([]);

      // An hour later it is Monday in Los Angeles too: week 2, and week 1 is past.
      const monday = await getCohortHome(inCohort(ada.access, null, MONDAY_EARLY));
      expect(monday.fellow!.thisWeek).toMatchObject({ id: weekIds[1], title: 'Diffusion' });
      expect(monday.fellow!.pastWeeks.map((week) => week.id)).toEqual([weekIds[0]]);
    });

    it('counts minutes left and core readings apart from optional ones', async () => {
      await setReadingDone(inCohort(ada.access), { itemId: items.A!, done: true });
      await setReadingDone(inCohort(ada.access), { itemId: items.D!, done: true }); // optional
      await setReadingDone(inCohort(ada.access), { itemId: items.F!, done: true }); // next week's
      const home = await getCohortHome(inCohort(ada.access, null, SUNDAY_LATE));
      const week = home.fellow!.thisWeek!;
      // Left this week: B (20 min) and C (no estimate); A is done, D and E are optional.
      expect(week.counts).toEqual({ coreDone: 1, coreTotal: 3, optionalDone: 1, optionalTotal: 2, minutesLeft: 20, unestimatedLeft: 1 });
      expect(week.sections.flatMap((section) => section.readings.map((r) => [r.title, r.core, r.done]))).toEqual([
        ['Reading A', true, true],
        ['Reading B', true, false],
        ['Reading C', true, false],
        ['Reading D', false, true],
        ['Reading E', false, false],
      ]);
      // The whole cohort: core A, B, C, F, G, H, of which A and F are done.
      expect(home.fellow!.cohort).toEqual({ coreDone: 2, coreTotal: 6, optionalDone: 1, optionalTotal: 2, minutesLeft: 20 + 35 + 40, unestimatedLeft: 1 });
      expect(home.fellow!.doneItemIds.sort()).toEqual([items.A, items.D, items.F].sort());

      // In week 3, the weeks that are over show what is still open.
      const later = await getCohortHome(inCohort(ada.access, null, new Date('2027-03-17T20:00:00Z')));
      expect(later.fellow!.thisWeek!.id).toBe(weekIds[2]);
      expect(later.fellow!.pastWeeks.map((past) => [past.title, past.counts.coreTotal - past.counts.coreDone])).toEqual([
        ['Foundations', 2],
        ['Diffusion', 1],
      ]);
    });

    it('shows no fellow progress to facilitators and admins', async () => {
      expect((await getCohortHome(inCohort(facilitator, null, SUNDAY_LATE))).fellow).toBeNull();
      expect((await getCohortHome(inCohort(admin, null, SUNDAY_LATE))).fellow).toBeNull();
    });

    it('moves the weeks after a skipped holiday week one week later', async () => {
      const skipping = await createCohort({
        slug: 'progress-skip',
        status: 'ACTIVE',
        timeZone: LA,
        startDate: START,
        skippedWeeks: [1],
        curriculumId: (await handBuiltSyllabus('progress-skip-track')).id,
      });
      const user = await createUser({ name: 'Cleo' });
      await createMembership(skipping.id, 'FELLOW', { userId: user.id });
      const access = await accessOf(skipping.slug, user.id);
      const weeks = await db.curriculumWeek.findMany({ where: { curriculum: { cohorts: { some: { id: skipping.id } } } }, orderBy: { position: 'asc' }, select: { id: true } });

      // The week of 8 March is off: the page shows week 2, now starting on 15 March.
      const holiday = await getCohortHome(inCohort(access, null, new Date('2027-03-10T20:00:00Z')));
      expect(holiday.currentWeek!.phase).toBe('break');
      expect(holiday.fellow!.thisWeek!.id).toBe(weeks[1]!.id);
      expect(toIsoDate(holiday.fellow!.thisWeek!.startsOn)).toBe('2027-03-15');
      expect(holiday.fellow!.pastWeeks.map((week) => week.id)).toEqual([weeks[0]!.id]);

      // Sunday 21 March 23:30 (PDT now) is still week 2; week 3 starts on 22 March.
      const sunday = await getCohortHome(inCohort(access, null, new Date('2027-03-22T06:30:00Z')));
      expect(sunday.currentWeek).toMatchObject({ phase: 'running', teachingWeek: 2 });
      expect(sunday.fellow!.thisWeek!.id).toBe(weeks[1]!.id);
      const monday = await getCohortHome(inCohort(access, null, new Date('2027-03-22T07:30:00Z')));
      expect(monday.fellow!.thisWeek!.id).toBe(weeks[2]!.id);
      expect(toIsoDate(monday.fellow!.thisWeek!.startsOn)).toBe('2027-03-22');
    });
  });

  describe('archived cohorts', () => {
    it('refuses ticks and notes, and keeps what was there', async () => {
      const archivedCohort = await createCohort({ slug: 'progress-archived', status: 'ACTIVE' });
      const user = await createUser({ name: 'Dee' });
      await createMembership(archivedCohort.id, 'FELLOW', { userId: user.id });
      const access = await accessOf(archivedCohort.slug, user.id);
      const item = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculum: { cohorts: { some: { id: archivedCohort.id } } } } } } });
      await setReadingDone(inCohort(access), { itemId: item.id, done: true });
      await db.cohort.update({ where: { id: archivedCohort.id }, data: { status: 'ARCHIVED' } });
      expect(await caughtAppOrTRPCError(setReadingDone(inCohort(access), { itemId: item.id, done: false }))).toMatchObject({ code: 'CONFLICT', message: /archived/ });
      const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculum: { cohorts: { some: { id: archivedCohort.id } } } } });
      expect(await caughtAppOrTRPCError(saveWeekReflection(inCohort(access), { weekId: week.id, text: 'Late note' }))).toMatchObject({ code: 'CONFLICT' });
      expect(await db.readingProgress.count({ where: { itemId: item.id } })).toBe(1);
    });
  });

  describe('the meetings calendar file', () => {
    const download = async (slug: string, userId: string | null) => {
      const headers = new Headers(userId ? { cookie: await cookieOf(userId) } : {});
      return getMeetingsIcs(new Request(`http://fellowship.test/cohorts/${slug}/meetings.ics`, { headers }), { params: Promise.resolve({ slug }) });
    };

    it('gives a fellow every meeting of their group, at the group’s time in the cohort’s zone', async () => {
      const response = await download(cohort.slug, ada.userId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const ics = await response.text();
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
      // Tuesday 2 March 2027, 18:00 in Los Angeles (PST) is 02:00 UTC the next day; 90 minutes long.
      expect(ics).toContain('DTSTART:20270303T020000Z');
      expect(ics).toContain('DTEND:20270303T033000Z');
      // After daylight saving starts (14 March), 18:00 PDT is 01:00 UTC.
      expect(ics).toContain('DTSTART:20270317T010000Z');
      expect(ics).toContain('SUMMARY:Test cohort\\, Group A: Week 1: Foundations');
      expect(ics).toContain('LOCATION:Room 2.14');
    });

    it('gives the facilitator their group’s meetings, and nobody else anything', async () => {
      const facilitatorUser = await db.membership.findUniqueOrThrow({ where: { id: facilitator.membershipId! }, select: { userId: true } });
      expect((await download(cohort.slug, facilitatorUser.userId)).status).toBe(200);
      expect((await download(cohort.slug, null)).status).toBe(404);
      expect((await download('progress-other', ada.userId)).status).toBe(404);
      const adminUser = await db.user.findFirstOrThrow({ where: { name: 'Root' }, select: { id: true } });
      expect((await download(cohort.slug, adminUser.id)).status).toBe(404);
    });
  });

  describe('demo data', () => {
    it('ticks past weeks for most demo fellows, leaves two behind and fellow1 and fellow2 untouched, once', async () => {
      const now = new Date('2027-05-19T18:00:00Z');
      await seedDemoData(systemContext(db, now));
      const demo = await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' }, select: { id: true } });
      const sharesOfDue = async () => {
        const shares = new Map<string, number>();
        for (const membership of await db.membership.findMany({ where: { cohortId: demo.id, role: 'FELLOW' }, select: { id: true, user: { select: { id: true, email: true } } } })) {
          const home = await getCohortHome(inCohort(await accessOf('demo', membership.user.id), null, now));
          const past = home.fellow!.pastWeeks.map((week) => week.counts);
          const due = past.reduce((sum, counts) => sum + counts.coreTotal, 0);
          shares.set(membership.user.email, past.reduce((sum, counts) => sum + counts.coreDone, 0) / due);
        }
        return shares;
      };
      const shares = await sharesOfDue();
      expect(shares.get('fellow1@example.com')).toBe(0);
      expect(shares.get('fellow2@example.com')).toBe(0);
      const behind = [...shares].filter(([email, share]) => share < 0.5 && !['fellow1@example.com', 'fellow2@example.com'].includes(email));
      expect(behind.map(([email]) => email).sort()).toEqual(['fellow4@example.com', 'fellow9@example.com']);
      expect([...shares.values()].filter((share) => share >= 0.7)).toHaveLength(8);

      const ticks = await db.readingProgress.count();
      expect(ticks).toBeGreaterThan(0);
      expect(await db.readingProgress.count({ where: { completedAt: { gt: now } } })).toBe(0);
      await seedDemoData(systemContext(db, new Date('2027-05-26T18:00:00Z')));
      expect(await db.readingProgress.count()).toBe(ticks);
    });
  });
});
