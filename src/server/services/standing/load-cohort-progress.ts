// The facts behind every progress view of a cohort (the facilitator's grid, the admin
// overview, the CSV exports), loaded with a fixed number of queries whatever the number of
// fellows: the cohort with its syllabus, its groups, the fellows, their ticks, the meetings
// and the attendance marks. bench:dashboard counts them.
import type { PrismaClient } from '@/generated/prisma/client';
import { cohortNotFound } from '@/server/errors';
import { buildCohortCalendar, calendarDateInZone } from '@/lib/cohort-calendar';
import { isOptionalReading } from '@/lib/reading-time';
import { computeStanding, type AttendanceMark, type Standing, type StandingRules } from '@/lib/standing';
import { displayName } from '@/lib/format';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { exercisesOfTree } from '@/server/services/runs/exercises';

export type ProgressItem = {
  id: string;
  title: string;
  url: string | null;
  kind: string;
  minutes: number | null;
  core: boolean;
  sectionTitle: string;
};

export type ProgressUnit = {
  id: string;
  position: number;
  /** "Week 3", "Week 2 and 3". */
  label: string;
  title: string;
  startsOn: Date;
  endsOn: Date;
  /** The unit has ended: its core readings are due. */
  due: boolean;
  items: ProgressItem[];
  /** The unit's discussion prompts. */
  promptIds: string[];
};

export type ProgressMeeting = { id: string; groupId: string; startsAt: Date; weekPosition: number | null; cancelled: boolean; /** Not cancelled, and begun. */ held: boolean };

export type FellowProgress = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  groupId: string | null;
  lastActivityAt: Date | null;
  /** itemId → when it was marked done. */
  done: Map<string, Date>;
  /** meetingId → the fellow's mark and note. */
  marks: Map<string, { status: AttendanceMark; note: string | null }>;
  coreDone: number;
  coreDoneOfDue: number;
  /** The prompts the fellow has answered. */
  answered: Set<string>;
  standing: Standing;
};

export type CohortProgress = Awaited<ReturnType<typeof loadCohortProgress>>;

type LoadOptions = {
  /** Only these groups' fellows and meetings (a facilitator's view); all when omitted. */
  groupIds?: string[];
  now?: Date;
  /**
   * 'ticks' (default): which readings each fellow ticked and when, for grids and exports.
   * 'counts': only how many core readings each fellow ticked, counted by PostgreSQL (the
   * admin overview of a whole cohort needs no more, and 500 fellows' ticks are 15,000 rows).
   */
  detail?: 'ticks' | 'counts';
};

export async function loadCohortProgress(db: PrismaClient, cohortId: string, options: LoadOptions = {}) {
  const now = options.now ?? new Date();
  const groupFilter = options.groupIds ? { id: { in: options.groupIds } } : {};
  // Fellows who left (or deferred) keep their records but count in no rate.
  const fellowFilter = { cohortId, role: 'FELLOW' as const, leftAt: null, ...(options.groupIds ? { groupId: { in: options.groupIds } } : {}) };
  const countsOnly = options.detail === 'counts';

  const meetingSelect = { id: true, groupId: true, startsAt: true, weekPosition: true, cancelledAt: true } as const;
  // Three statements (relations joined in PostgreSQL, ADR 0033): the cohort; its groups with
  // their facilitators and meetings; the fellows with their ticks, answers and marks.
  const [cohort, groups, memberships] = await Promise.all([
    db.cohort.findUnique({
      where: { id: cohortId },
      select: {
        id: true,
        slug: true,
        name: true,
        status: true,
        curriculumId: true,
        startDate: true,
        timeZone: true,
        skippedWeeks: true,
        atRiskMissedMeetings: true,
        atRiskReadingPercent: true,
        completionMaxUnexcusedAbsences: true,
        completionReadingPercent: true,
        promptsRequired: true,
        curriculum: { select: { id: true, version: true } },
      },
    }),
    db.discussionGroup.findMany({
      where: { cohortId, ...groupFilter },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        facilitators: { select: { membership: { select: { user: { select: { name: true, email: true } } } } } },
        meetings: { orderBy: { startsAt: 'asc' }, select: meetingSelect },
      },
    }),
    db.membership.findMany({
      where: fellowFilter,
      select: {
        id: true,
        userId: true,
        groupId: true,
        lastActivityAt: true,
        user: { select: { name: true, email: true } },
        // 'counts' leaves the rows to PostgreSQL (countTicksAndMarks).
        readings: countsOnly ? false : { select: { itemId: true, completedAt: true } },
        attendance: countsOnly
          ? false
          : { where: { meeting: { group: { cohortId, ...groupFilter } } }, select: { meetingId: true, status: true, note: true } },
        responses: { where: { prompt: { weekId: { not: null } } }, select: { promptId: true } },
      },
    }),
  ]);
  const meetings = groups.flatMap((group) => group.meetings).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const ticks = memberships.flatMap((membership) => (membership.readings ?? []).map((tick) => ({ ...tick, membershipId: membership.id })));
  const marks = memberships.flatMap((membership) => (membership.attendance ?? []).map((mark) => ({ ...mark, membershipId: membership.id })));
  const responses = memberships.flatMap((membership) => membership.responses.map((response) => ({ membershipId: membership.id, ...response })));
  if (!cohort) throw cohortNotFound();
  // The syllabus is the same for every member: one copy per curriculum version (ADR 0033).
  const tree = await getCurriculumTree(db, cohort.curriculum);
  if (!tree) throw cohortNotFound();
  const weeks = tree.weeks;
  const calendar = buildCohortCalendar(cohort, weeks);
  const today = calendarDateInZone(now, cohort.timeZone);
  const units: ProgressUnit[] = weeks.map((week, index) => {
    const scheduled = calendar.units[index]!;
    return {
      id: week.id,
      position: week.position,
      label: week.label ?? (week.number !== null ? `Week ${week.number}` : `Unit ${week.position}`),
      title: week.title,
      startsOn: scheduled.startDate,
      endsOn: scheduled.endDate,
      due: scheduled.endDate.getTime() < today.getTime(),
      items: week.sections.flatMap((section) =>
        section.items.map((item) => ({
          id: item.id,
          title: item.title,
          url: item.url,
          kind: item.kind,
          minutes: item.minutes,
          core: !isOptionalReading(item, section),
          sectionTitle: section.title,
        })),
      ),
      promptIds: week.prompts.map((prompt) => prompt.id),
    };
  });
  const allPrompts = new Set(units.flatMap((unit) => unit.promptIds));
  const duePrompts = new Set(units.filter((unit) => unit.due).flatMap((unit) => unit.promptIds));
  const answeredByFellow = new Map<string, Set<string>>();
  for (const response of responses) {
    if (!allPrompts.has(response.promptId)) continue;
    if (!answeredByFellow.has(response.membershipId)) answeredByFellow.set(response.membershipId, new Set());
    answeredByFellow.get(response.membershipId)!.add(response.promptId);
  }
  const coreItems = new Set(units.flatMap((unit) => unit.items.filter((item) => item.core).map((item) => item.id)));
  const dueCoreItems = new Set(units.filter((unit) => unit.due).flatMap((unit) => unit.items.filter((item) => item.core).map((item) => item.id)));
  const cohortEnded = calendar.endDate !== null && calendar.endDate.getTime() < today.getTime();

  const progressMeetings: ProgressMeeting[] = meetings.map((meeting) => ({
    id: meeting.id,
    groupId: meeting.groupId,
    startsAt: meeting.startsAt,
    weekPosition: meeting.weekPosition,
    cancelled: meeting.cancelledAt !== null,
    held: meeting.cancelledAt === null && meeting.startsAt.getTime() <= now.getTime(),
  }));
  const heldMeetings = new Set(progressMeetings.filter((meeting) => meeting.held).map((meeting) => meeting.id));
  const heldPerGroup = new Map<string, number>();
  for (const meeting of progressMeetings) {
    if (meeting.held) heldPerGroup.set(meeting.groupId, (heldPerGroup.get(meeting.groupId) ?? 0) + 1);
  }

  const counted = countsOnly ? await countTicksAndMarks(db, fellowFilter, coreItems, dueCoreItems, [...heldMeetings]) : null;
  const doneByFellow = new Map<string, Map<string, Date>>();
  for (const tick of ticks) {
    if (!doneByFellow.has(tick.membershipId)) doneByFellow.set(tick.membershipId, new Map());
    doneByFellow.get(tick.membershipId)!.set(tick.itemId, tick.completedAt);
  }
  const marksByFellow = new Map<string, Map<string, { status: AttendanceMark; note: string | null }>>();
  for (const mark of marks) {
    if (!marksByFellow.has(mark.membershipId)) marksByFellow.set(mark.membershipId, new Map());
    marksByFellow.get(mark.membershipId)!.set(mark.meetingId, { status: mark.status, note: mark.note });
  }

  const rules: StandingRules = cohort;
  const fellows: FellowProgress[] = memberships
    .map((membership) => {
      const done = doneByFellow.get(membership.id) ?? new Map<string, Date>();
      const fellowMarks = marksByFellow.get(membership.id) ?? new Map();
      const coreDone = counted ? (counted.core.get(membership.id) ?? 0) : [...done.keys()].filter((itemId) => coreItems.has(itemId)).length;
      const coreDoneOfDue = counted
        ? (counted.due.get(membership.id) ?? 0)
        : [...done.keys()].filter((itemId) => dueCoreItems.has(itemId)).length;
      const heldMarks = counted
        ? (counted.marks.get(membership.id) ?? [])
        : [...fellowMarks.entries()].filter(([meetingId]) => heldMeetings.has(meetingId)).map(([, mark]) => mark.status);
      const answered = answeredByFellow.get(membership.id) ?? new Set<string>();
      const standing = computeStanding(
        {
          coreDone,
          coreTotal: coreItems.size,
          coreDoneOfDue,
          coreDue: dueCoreItems.size,
          marks: heldMarks,
          meetingsHeld: membership.groupId ? (heldPerGroup.get(membership.groupId) ?? 0) : 0,
          promptsAnswered: answered.size,
          promptsTotal: allPrompts.size,
          promptsAnsweredOfDue: [...answered].filter((id) => duePrompts.has(id)).length,
          promptsDue: duePrompts.size,
        },
        rules,
        cohortEnded,
      );
      return {
        membershipId: membership.id,
        userId: membership.userId,
        name: displayName(membership.user),
        email: membership.user.email,
        groupId: membership.groupId,
        lastActivityAt: membership.lastActivityAt,
        done,
        marks: fellowMarks,
        coreDone,
        coreDoneOfDue,
        answered,
        standing,
      };
    })
    // At-risk fellows first, then by name.
    .sort((a, b) => Number(b.standing.atRisk) - Number(a.standing.atRisk) || a.name.localeCompare(b.name));

  return {
    cohort: {
      id: cohort.id,
      slug: cohort.slug,
      name: cohort.name,
      status: cohort.status,
      curriculumId: cohort.curriculumId,
      timeZone: cohort.timeZone,
      ended: cohortEnded,
      rules,
    },
    units,
    /** The cohort's exercises, in syllabus order. */
    exercises: exercisesOfTree(tree),
    coreTotal: coreItems.size,
    coreDue: dueCoreItems.size,
    promptsTotal: allPrompts.size,
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      facilitators: group.facilitators.map((lead) => displayName(lead.membership.user)),
    })),
    meetings: progressMeetings,
    fellows,
  };
}

/** Core readings ticked per fellow (all, and due ones) and their marks at held meetings: three GROUP BY queries. */
async function countTicksAndMarks(
  db: PrismaClient,
  fellowFilter: { cohortId: string; role: 'FELLOW'; leftAt: null; groupId?: { in: string[] } },
  coreItems: Set<string>,
  dueCoreItems: Set<string>,
  heldMeetingIds: string[],
) {
  const count = async (itemIds: Set<string>) => {
    if (itemIds.size === 0) return new Map<string, number>();
    const rows = await db.readingProgress.groupBy({
      by: ['membershipId'],
      where: { membership: fellowFilter, itemId: { in: [...itemIds] } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.membershipId, row._count._all]));
  };
  const [core, due, markRows] = await Promise.all([
    count(coreItems),
    count(dueCoreItems),
    // By meeting ids (already loaded): a filter through the meeting relation made PostgreSQL
    // plan a slow join (80 ms on 500 fellows).
    heldMeetingIds.length
      ? db.attendance.groupBy({ by: ['membershipId', 'status'], where: { meetingId: { in: heldMeetingIds } }, _count: { _all: true } })
      : Promise.resolve([]),
  ]);
  // The marks as a list, as computeStanding counts them.
  const marks = new Map<string, AttendanceMark[]>();
  for (const row of markRows) {
    marks.set(row.membershipId, [...(marks.get(row.membershipId) ?? []), ...Array<AttendanceMark>(row._count._all).fill(row.status)]);
  }
  return { core, due, marks };
}
