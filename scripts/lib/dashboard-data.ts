// Generated cohorts for bench:dashboard: 6 weeks of 10 readings (2 optional), groups with two
// meetings a week, fellows with a diligence that decides their ticks and attendance.
import type { createPrismaClient } from '@/server/db/client';

const WEEKS = 6;
const ITEMS_PER_WEEK = 10;
const MEETINGS_PER_WEEK = 2;
const DAY = 86_400_000;

type Prisma = ReturnType<typeof createPrismaClient>;

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A cohort in its fifth week (so four weeks of readings are due and eight meetings per group
 * held): `fellows` fellows in `groups` groups, each fellow with a diligence that decides how
 * many readings they ticked and meetings they attended. With `runsPerExercise`, weeks 2 and 3
 * also have an exercise each, and most fellows sent that many training runs to each on average.
 */
export async function generateCohort(prisma: Prisma, slug: string, fellows: number, groups: number, options: { runsPerExercise?: number } = {}) {
  const rand = random(fellows);
  const today = new Date(Math.floor(Date.now() / DAY) * DAY);
  const startDate = new Date(today.getTime() - (4 * 7 + 2) * DAY);
  const week = (w: number) => ({
    position: w + 1,
    number: w + 1,
    title: `Week ${w + 1}`,
    sections: {
      create: [
        {
          position: 1,
          title: 'Core Readings',
          kind: 'CORE' as const,
          items: {
            create: Array.from({ length: ITEMS_PER_WEEK - 2 }, (_, i) => ({ position: i + 1, title: `Reading ${w + 1}.${i + 1}`, url: `https://example.org/${w}/${i}`, minutes: 15 + i * 5 })),
          },
        },
        {
          position: 2,
          title: 'Optional Additional Content',
          kind: 'OPTIONAL' as const,
          items: { create: [1, 2].map((i) => ({ position: i, title: `Extra ${w + 1}.${i}`, url: `https://example.org/${w}/x${i}`, minutes: 30 })) },
        },
      ],
    },
  });
  const curriculum = await prisma.curriculum.create({
    data: { slug: `${slug}-syllabus`, title: `Bench syllabus ${slug}`, weeks: { create: Array.from({ length: WEEKS }, (_, w) => week(w)) } },
    select: {
      id: true,
      weeks: { orderBy: { position: 'asc' }, select: { id: true, sections: { orderBy: { position: 'asc' }, select: { items: { orderBy: { position: 'asc' }, select: { id: true } } } } } },
    },
  });
  const itemsByWeek = curriculum.weeks.map((week) => week.sections.flatMap((section) => section.items.map((item) => item.id)));
  // Three discussion prompts a week, which most fellows answer.
  await prisma.curriculumPrompt.createMany({
    data: curriculum.weeks.flatMap((week, w) =>
      [1, 2, 3].map((position) => ({ curriculumId: curriculum.id, weekId: week.id, position, text: `Week ${w + 1}, question ${position}: what would change your mind?` })),
    ),
  });
  const promptsByWeek = (await prisma.curriculumPrompt.findMany({ where: { curriculumId: curriculum.id }, orderBy: [{ weekId: 'asc' }], select: { id: true, weekId: true } })).reduce(
    (byWeek, prompt) => byWeek.set(prompt.weekId!, [...(byWeek.get(prompt.weekId!) ?? []), prompt.id]),
    new Map<string, string[]>(),
  );
  const cohort = await prisma.cohort.create({
    data: { slug, name: `Bench ${slug}`, curriculumId: curriculum.id, startDate, timeZone: 'Europe/London', status: 'ACTIVE' },
  });

  const groupRows = await Promise.all(
    Array.from({ length: groups }, (_, g) =>
      prisma.discussionGroup.create({ data: { cohortId: cohort.id, name: `Group ${String(g + 1).padStart(2, '0')}`, meetingDay: (g % 5) + 1, meetingTime: '18:00' } }),
    ),
  );
  const facilitators = [];
  for (const [g, group] of groupRows.entries()) {
    const user = await prisma.user.create({ data: { email: `facilitator${g}@${slug}.bench`, name: `Facilitator ${g + 1}` } });
    const membership = await prisma.membership.create({ data: { cohortId: cohort.id, userId: user.id, role: 'FACILITATOR' } });
    await prisma.groupFacilitator.create({ data: { groupId: group.id, membershipId: membership.id } });
    facilitators.push(user);
  }
  // Twelve meetings per group: two in each of the six weeks; those before today were held.
  const meetings = new Map<string, { id: string; startsAt: Date }[]>();
  for (const group of groupRows) {
    const rows = Array.from({ length: WEEKS * MEETINGS_PER_WEEK }, (_, m) => ({
      groupId: group.id,
      weekPosition: Math.floor(m / MEETINGS_PER_WEEK) + 1,
      startsAt: new Date(startDate.getTime() + (Math.floor(m / 2) * 7 + (m % 2) * 3 + 1) * DAY + 18 * 3_600_000),
    }));
    await prisma.meeting.createMany({ data: rows });
    meetings.set(group.id, await prisma.meeting.findMany({ where: { groupId: group.id }, select: { id: true, startsAt: true } }));
  }

  await prisma.user.createMany({ data: Array.from({ length: fellows }, (_, f) => ({ email: `fellow${f}@${slug}.bench`, name: `Fellow ${String(f + 1).padStart(3, '0')}` })) });
  const users = await prisma.user.findMany({ where: { email: { endsWith: `@${slug}.bench`, startsWith: 'fellow' } }, select: { id: true } });
  await prisma.membership.createMany({
    data: users.map((user, f) => ({ cohortId: cohort.id, userId: user.id, role: 'FELLOW' as const, groupId: groupRows[f % groups]!.id, lastActivityAt: new Date(today.getTime() - Math.floor(rand() * 10) * DAY) })),
  });
  const memberships = await prisma.membership.findMany({ where: { cohortId: cohort.id, role: 'FELLOW' }, select: { id: true, userId: true, groupId: true } });

  const ticks: { membershipId: string; itemId: string; completedAt: Date }[] = [];
  const marks: { meetingId: string; membershipId: string; status: 'PRESENT' | 'LATE' | 'EXCUSED' | 'ABSENT' }[] = [];
  const responses: { membershipId: string; promptId: string; text: string }[] = [];
  for (const membership of memberships) {
    // Most fellows keep up; about one in seven falls behind.
    const diligence = rand() < 0.15 ? 0.3 + rand() * 0.3 : 0.75 + rand() * 0.25;
    for (const [w, items] of itemsByWeek.entries()) {
      // Weeks 1–4 are over, week 5 is running, week 6 is ahead.
      const chance = w < 4 ? diligence : w === 4 ? diligence / 2 : 0;
      for (const itemId of items) {
        if (rand() < chance) ticks.push({ membershipId: membership.id, itemId, completedAt: new Date(startDate.getTime() + (w * 7 + Math.floor(rand() * 7)) * DAY) });
      }
      for (const promptId of promptsByWeek.get(curriculum.weeks[w]!.id) ?? []) {
        if (rand() < chance) responses.push({ membershipId: membership.id, promptId, text: 'A few sentences of an answer, as a fellow would write before the meeting. '.repeat(3) });
      }
    }
    for (const meeting of meetings.get(membership.groupId!)!) {
      if (meeting.startsAt.getTime() > Date.now()) continue;
      const roll = rand();
      const absent = (1 - diligence) * 0.3;
      const status = roll < absent ? 'ABSENT' : roll < absent + 0.04 ? 'EXCUSED' : roll < absent + 0.1 ? 'LATE' : 'PRESENT';
      marks.push({ meetingId: meeting.id, membershipId: membership.id, status });
    }
  }
  const runs = options.runsPerExercise ? await generateRuns(prisma, rand, cohort.id, curriculum.weeks, memberships, options.runsPerExercise) : 0;
  await prisma.readingProgress.createMany({ data: ticks });
  await prisma.attendance.createMany({ data: marks });
  await prisma.promptResponse.createMany({ data: responses });
  // The first group's meeting on the running week (5): the one a prep sheet is opened for.
  const prepMeeting = await prisma.meeting.findFirstOrThrow({ where: { groupId: groupRows[0]!.id, weekPosition: 5 }, orderBy: { startsAt: 'asc' }, select: { id: true } });
  return { cohort, groups: groupRows, facilitator: facilitators[0]!, runs, ticks: ticks.length, marks: marks.length, responses: responses.length, prepMeetingId: prepMeeting.id };
}

/**
 * An exercise in weeks 2 and 3 (its loss ranks runs, lower is better), and about `perExercise`
 * runs of each from four fellows in five: half report the loss in their summary, the rest only
 * as a logged series, and one in ten is still running with no result.
 */
async function generateRuns(
  prisma: Prisma,
  rand: () => number,
  cohortId: string,
  weeks: { id: string }[],
  memberships: { userId: string }[],
  perExercise: number,
) {
  const exercises = [];
  for (const w of [1, 2]) {
    const section = await prisma.curriculumSection.create({
      data: {
        weekId: weeks[w]!.id,
        position: 3,
        title: 'Exercise',
        kind: 'PRACTICAL',
        items: { create: [{ position: 1, kind: 'EXERCISE', title: `Exercise ${w + 1}`, exerciseSlug: `exercise-${w + 1}`, primaryMetric: 'loss', higherIsBetter: false }] },
      },
      select: { items: { select: { id: true } } },
    });
    exercises.push(section.items[0]!.id);
  }
  const runs: { cohortId: string; userId: string; exerciseItemId: string; clientRunId: string; status: 'RUNNING' | 'FINISHED'; summary?: { loss: number } }[] = [];
  const seriesLoss = new Map<string, number>();
  for (const { userId } of memberships) {
    if (rand() < 0.2) continue;
    for (const exerciseItemId of exercises) {
      const count = Math.round(rand() * 2 * perExercise);
      for (let r = 0; r < count; r++) {
        const clientRunId = `${exerciseItemId}-${r}`;
        const loss = 0.1 + rand();
        const running = rand() < 0.1;
        const inSummary = !running && rand() < 0.5;
        runs.push({ cohortId, userId, exerciseItemId, clientRunId, status: running ? 'RUNNING' : 'FINISHED', ...(inSummary ? { summary: { loss } } : {}) });
        if (!running && !inSummary) seriesLoss.set(`${userId} ${clientRunId}`, loss);
      }
    }
  }
  await prisma.run.createMany({ data: runs });
  const created = await prisma.run.findMany({ where: { cohortId }, select: { id: true, userId: true, clientRunId: true } });
  await prisma.metricSeries.createMany({
    data: created.flatMap((run) => {
      const loss = seriesLoss.get(`${run.userId} ${run.clientRunId}`);
      return loss === undefined ? [] : [{ runId: run.id, key: 'loss', count: 100, min: loss, max: loss + 1, last: loss, lastStep: 99 }];
    }),
  });
  return runs.length;
}
