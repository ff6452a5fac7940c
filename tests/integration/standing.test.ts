// Who is keeping up (real PostgreSQL): due readings follow the cohort's time zone, at-risk
// flags and the completion rule on hand-built cases, thresholds per cohort, the facilitator's
// grid and the CSV exports.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { updateCohort } from '@/server/services/cohorts/update-cohort';
import { getCohortOverview } from '@/server/services/standing/cohort-overview';
import { computeStanding } from '@/lib/standing';
import { exportAttendanceCsv, exportProgressCsv, findGroupIdByName } from '@/server/services/standing/export-csv';
import { getGroupProgress } from '@/server/services/standing/group-progress';
import { loadCohortProgress } from '@/server/services/standing/load-cohort-progress';
import { createCohort, createGroup, createMembership, createUser, asCohortAdmin, inCohort } from '../factories';

const item = (position: number, title: string, extra: { optional?: boolean; minutes?: number } = {}) => ({
  position,
  title,
  url: `https://example.com/${position}`,
  minutes: extra.minutes ?? 20,
  optional: extra.optional ?? false,
});

/** Two weeks from Monday 4 January 2027 in Los Angeles; week 1 has two core readings and an optional one. */
async function buildCohort() {
  const curriculum = await db.curriculum.create({
    data: {
      slug: `standing-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Standing track',
      weeks: {
        create: [
          {
            position: 1,
            number: 1,
            title: 'Start',
            sections: { create: [{ position: 1, title: 'Core Readings', kind: 'CORE', items: { create: [item(1, 'R1'), item(2, 'R2'), item(3, 'R3', { optional: true })] } }] },
          },
          {
            position: 2,
            number: 2,
            title: 'Go on',
            sections: {
              create: [
                { position: 1, title: 'Core Readings', kind: 'CORE', items: { create: [item(1, 'R4'), item(2, 'R5')] } },
                { position: 2, title: 'Optional Additional Content', kind: 'OPTIONAL', items: { create: [item(1, 'R6')] } },
              ],
            },
          },
        ],
      },
    },
    select: { id: true, weeks: { orderBy: { position: 'asc' }, select: { sections: { select: { items: { select: { id: true, title: true } } } } } } },
  });
  const items = new Map(curriculum.weeks.flatMap((week) => week.sections.flatMap((section) => section.items.map((i) => [i.title, i.id] as const))));
  const cohort = await createCohort({ curriculumId: curriculum.id, timeZone: 'America/Los_Angeles', startDate: new Date('2027-01-04T00:00:00Z'), status: 'ACTIVE' });
  const groupA = await createGroup(cohort.id, { name: 'Group A', meetingDay: 3, meetingTime: '18:00' });
  const groupB = await createGroup(cohort.id, { name: 'Group B', meetingDay: 4, meetingTime: '18:00' });
  // Wednesday 18:00 in Los Angeles is 02:00 UTC on Thursday.
  const m1 = await db.meeting.create({ data: { groupId: groupA.id, weekPosition: 1, startsAt: new Date('2027-01-07T02:00:00Z') } });
  const m2 = await db.meeting.create({ data: { groupId: groupA.id, weekPosition: 2, startsAt: new Date('2027-01-14T02:00:00Z') } });
  const cancelled = await db.meeting.create({ data: { groupId: groupA.id, weekPosition: null, regular: false, startsAt: new Date('2027-01-09T18:00:00Z'), cancelledAt: new Date() } });

  const fellow = async (name: string, groupId: string, ticks: string[], marks: [string, 'PRESENT' | 'LATE' | 'EXCUSED' | 'ABSENT'][]) => {
    const user = await createUser({ name, email: `${name.toLowerCase().replaceAll(' ', '.')}.${Math.random().toString(36).slice(2, 6)}@standing.test` });
    const membership = await createMembership(cohort.id, 'FELLOW', { userId: user.id, groupId });
    for (const title of ticks) {
      await db.readingProgress.create({ data: { membershipId: membership.id, itemId: items.get(title)!, completedAt: new Date('2027-01-06T12:00:00Z') } });
    }
    for (const [meetingId, status] of marks) await db.attendance.create({ data: { meetingId, membershipId: membership.id, status } });
    return membership;
  };
  const keen = await fellow('Keen Reader', groupA.id, ['R1', 'R2', 'R3', 'R4', 'R5'], [[m1.id, 'PRESENT'], [m2.id, 'LATE']]);
  const behind = await fellow('Behind Reader', groupA.id, [], [[m1.id, 'PRESENT'], [m2.id, 'PRESENT']]);
  const absent = await fellow('Often Absent', groupA.id, ['R1', 'R2', 'R4', 'R5'], [[m1.id, 'ABSENT'], [m2.id, 'ABSENT'], [cancelled.id, 'ABSENT']]);
  const excused = await fellow('Excused Twice', groupA.id, ['R1', 'R2'], [[m1.id, 'EXCUSED'], [m2.id, 'EXCUSED']]);
  const other = await fellow('Other Group', groupB.id, ['R1'], []);
  return { cohort, groupA, groupB, m1, m2, keen, behind, absent, excused, other };
}

type World = Awaited<ReturnType<typeof buildCohort>>;
let world: World;
const standingOf = (progress: Awaited<ReturnType<typeof loadCohortProgress>>, membershipId: string) =>
  progress.fellows.find((fellow) => fellow.membershipId === membershipId)!;

beforeAll(async () => {
  world = await buildCohort();
});

describe('due readings in the cohort’s time zone', () => {
  it('keeps week 1 not yet due at 23:30 on its last Sunday in Los Angeles, and due from Monday', async () => {
    // Sunday 10 January 2027, 23:30 in Los Angeles = Monday 07:30 UTC.
    const sundayNight = await loadCohortProgress(db, world.cohort.id, { now: new Date('2027-01-11T07:30:00Z') });
    expect(sundayNight.coreDue).toBe(0);
    expect(sundayNight.units.map((unit) => unit.due)).toEqual([false, false]);
    // Monday 00:30 in Los Angeles.
    const monday = await loadCohortProgress(db, world.cohort.id, { now: new Date('2027-01-11T08:30:00Z') });
    expect(monday.coreDue).toBe(2);
    expect(monday.units.map((unit) => unit.due)).toEqual([true, false]);
  });

  it('moves the due dates one week later when a holiday week is skipped', async () => {
    await db.cohort.update({ where: { id: world.cohort.id }, data: { skippedWeeks: [1] } });
    try {
      const progress = await loadCohortProgress(db, world.cohort.id, { now: new Date('2027-01-19T20:00:00Z') });
      expect(progress.units.map((unit) => unit.endsOn.toISOString().slice(0, 10))).toEqual(['2027-01-10', '2027-01-24']);
      expect(progress.coreDue).toBe(2);
    } finally {
      await db.cohort.update({ where: { id: world.cohort.id }, data: { skippedWeeks: [] } });
    }
  });
});

describe('at risk and completion', () => {
  // Friday 15 January: both meetings held, week 1 due, week 2 not yet.
  const midCohort = new Date('2027-01-15T20:00:00Z');

  it('flags two missed meetings and too few due readings; excused and late are not missed', async () => {
    const progress = await loadCohortProgress(db, world.cohort.id, { groupIds: [world.groupA.id], now: midCohort });
    expect(standingOf(progress, world.keen.id).standing).toMatchObject({ atRisk: false, status: 'on-track', attendanceRate: 1 });
    expect(standingOf(progress, world.behind.id).standing).toMatchObject({ atRisk: true, riskReasons: ['0% of due core readings done'] });
    // The absence at the cancelled meeting does not count.
    expect(standingOf(progress, world.absent.id).standing).toMatchObject({ atRisk: true, riskReasons: ['Missed 2 meetings'], attendanceRate: 0 });
    expect(standingOf(progress, world.excused.id).standing).toMatchObject({ atRisk: false, attendanceRate: null });
    // At-risk fellows first, then by name.
    expect(progress.fellows.map((fellow) => fellow.name)).toEqual(['Behind Reader', 'Often Absent', 'Excused Twice', 'Keen Reader']);
  });

  it('gives the same standings when PostgreSQL does the counting (the overview’s path)', async () => {
    const ticks = await loadCohortProgress(db, world.cohort.id, { now: midCohort });
    const counts = await loadCohortProgress(db, world.cohort.id, { now: midCohort, detail: 'counts' });
    const summary = (progress: typeof ticks) => progress.fellows.map((f) => [f.name, f.coreDone, f.coreDoneOfDue, f.standing]);
    expect(summary(counts)).toEqual(summary(ticks));
  });

  it('follows the cohort’s own thresholds', async () => {
    await db.cohort.update({ where: { id: world.cohort.id }, data: { atRiskMissedMeetings: 3, atRiskReadingPercent: 0 } });
    try {
      const progress = await loadCohortProgress(db, world.cohort.id, { groupIds: [world.groupA.id], now: midCohort });
      expect(progress.fellows.filter((fellow) => fellow.standing.atRisk)).toEqual([]);
    } finally {
      await db.cohort.update({ where: { id: world.cohort.id }, data: { atRiskMissedMeetings: 2, atRiskReadingPercent: 50 } });
    }
  });

  it('takes the thresholds from the cohort settings, and refuses impossible ones', async () => {
    const updated = await updateCohort(asCohortAdmin(world.cohort.id), { atRiskMissedMeetings: 4, atRiskReadingPercent: 30, completionMaxUnexcusedAbsences: 0, completionReadingPercent: 80 });
    expect(updated).toMatchObject({ atRiskMissedMeetings: 4, atRiskReadingPercent: 30, completionMaxUnexcusedAbsences: 0, completionReadingPercent: 80 });
    await expect(updateCohort(asCohortAdmin(world.cohort.id), { atRiskReadingPercent: 101 })).rejects.toThrow(/At most 100%/);
    await expect(updateCohort(asCohortAdmin(world.cohort.id), { atRiskMissedMeetings: 0 })).rejects.toThrow(/At least 1/);
    await expect(updateCohort(asCohortAdmin(world.cohort.id), { completionReadingPercent: Number.NaN })).rejects.toThrow(/percentage/);
    await updateCohort(asCohortAdmin(world.cohort.id), { atRiskMissedMeetings: 2, atRiskReadingPercent: 50, completionMaxUnexcusedAbsences: 1, completionReadingPercent: 100 });
  });

  it('applies the completion rule once the cohort has ended', async () => {
    const after = new Date('2027-02-01T20:00:00Z');
    const progress = await loadCohortProgress(db, world.cohort.id, { groupIds: [world.groupA.id], now: after });
    expect(progress.cohort.ended).toBe(true);
    expect(standingOf(progress, world.keen.id).standing.status).toBe('completed');
    // All core readings but two unexcused absences (the rule allows one).
    expect(standingOf(progress, world.absent.id).standing.status).toBe('not-completed');
    // Present every time but no readings.
    expect(standingOf(progress, world.behind.id).standing.status).toBe('not-completed');
    await db.cohort.update({ where: { id: world.cohort.id }, data: { completionMaxUnexcusedAbsences: 2 } });
    try {
      const lenient = await loadCohortProgress(db, world.cohort.id, { groupIds: [world.groupA.id], now: after });
      expect(standingOf(lenient, world.absent.id).standing.status).toBe('completed');
    } finally {
      await db.cohort.update({ where: { id: world.cohort.id }, data: { completionMaxUnexcusedAbsences: 1 } });
    }
  });

  it('computes the rule by hand-built numbers too', () => {
    const rules = { atRiskMissedMeetings: 2, atRiskReadingPercent: 50, completionMaxUnexcusedAbsences: 1, completionReadingPercent: 100 };
    const facts = { coreDone: 9, coreTotal: 10, coreDoneOfDue: 4, coreDue: 10, marks: ['PRESENT', 'ABSENT'] as const, meetingsHeld: 3 };
    const standing = computeStanding({ ...facts, marks: [...facts.marks] }, rules, false);
    expect(standing).toMatchObject({ atRisk: true, riskReasons: ['40% of due core readings done'], attendanceRate: 0.5 });
    expect(standing.attendance).toEqual({ present: 1, late: 0, excused: 0, absent: 1, unmarked: 1, held: 3 });
    expect(computeStanding({ ...facts, marks: [...facts.marks], coreDone: 10 }, rules, true).status).toBe('completed');
    expect(computeStanding({ ...facts, marks: [...facts.marks] }, rules, true).status).toBe('not-completed');
  });
});

describe('the facilitator’s grid and the admin overview', () => {
  const access = (role: CohortAccess['role'], groupIds: string[]): CohortAccess => ({ cohortId: world.cohort.id, cohortSlug: world.cohort.slug, role, membershipId: null, groupIds });

  it('shows one group’s fellows × the chosen week’s readings, with when each was done', async () => {
    const grid = await getGroupProgress(inCohort(access('FACILITATOR', [world.groupA.id]), null, new Date('2027-01-15T20:00:00Z')), { week: 1 });
    expect(grid.group.name).toBe('Group A');
    expect(grid.items.map((i) => i.title)).toEqual(['R1', 'R2', 'R3']);
    expect(grid.items.map((i) => i.core)).toEqual([true, true, false]);
    expect(grid.fellows.map((f) => f.name)).not.toContain('Other Group');
    const keen = grid.fellows.find((f) => f.membershipId === world.keen.id)!;
    expect(keen.done).toEqual(['2027-01-06T12:00:00.000Z', '2027-01-06T12:00:00.000Z', '2027-01-06T12:00:00.000Z']);
    expect(grid.fellows.find((f) => f.membershipId === world.behind.id)!.done).toEqual([null, null, null]);
    const whole = await getGroupProgress(inCohort(access('FACILITATOR', [world.groupA.id]), null, new Date('2027-01-15T20:00:00Z')), { week: null });
    expect(whole.items).toHaveLength(6);
  });

  it('refuses a group the facilitator does not lead, and a week that does not exist', async () => {
    await expect(getGroupProgress(inCohort(access('FACILITATOR', [world.groupA.id])), { groupId: world.groupB.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getGroupProgress(inCohort(access('FELLOW', [world.groupA.id])), { groupId: world.groupA.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getGroupProgress(inCohort(access('ADMIN', [])), { groupId: world.groupA.id, week: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds up each group for the admin', async () => {
    const overview = await getCohortOverview(inCohort(access('ADMIN', []), null, new Date('2027-01-15T20:00:00Z')));
    const groupA = overview.groups.find((group) => group.name === 'Group A')!;
    // Present or late 4 of 6 judged marks (excused ones are not judged).
    expect(groupA).toMatchObject({ fellows: 4, atRisk: 2, meetingsHeld: 2, attendanceRate: 4 / 6 });
    // Due core readings: 2 each; done 2 + 0 + 2 + 2 of 8.
    expect(groupA.readingRate).toBe(6 / 8);
    expect(overview.totals.fellows).toBe(5);
  });
});

describe('CSV exports', () => {
  it('writes attendance with one row per fellow and one column per meeting of the group', async () => {
    const groupId = await findGroupIdByName(asCohortAdmin(world.cohort.id), { name: 'group a' });
    const rows = parse(await exportAttendanceCsv(asCohortAdmin(world.cohort.id, new Date('2027-01-15T20:00:00Z')), { groupId })) as string[][];
    // Meetings are headed by their UTC date; the cancelled one is left out.
    expect(rows[0]).toEqual(['Name', 'Email', 'Group', '2027-01-07 (week 1)', '2027-01-14 (week 2)', 'Present', 'Late', 'Excused', 'Absent', 'Attendance %']);
    const byName = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(rows).toHaveLength(5);
    expect(byName.get('Keen Reader')!.slice(3)).toEqual(['present', 'late', '1', '1', '0', '0', '100']);
    expect(byName.get('Often Absent')!.slice(3)).toEqual(['absent', 'absent', '0', '0', '0', '2', '0']);
    expect(byName.get('Excused Twice')!.slice(3)).toEqual(['excused', 'excused', '0', '0', '2', '0', '']);
  });

  it('writes the whole cohort with numbered meetings, and reading progress with one column per reading', async () => {
    const attendance = parse(await exportAttendanceCsv(asCohortAdmin(world.cohort.id, new Date('2027-01-15T20:00:00Z')), {})) as string[][];
    expect(attendance[0]!.slice(3, 5)).toEqual(['Meeting 1', 'Meeting 2']);
    expect(attendance.find((row) => row[0] === 'Other Group')!.slice(2, 5)).toEqual(['Group B', '', '']);

    const progress = parse(await exportProgressCsv(asCohortAdmin(world.cohort.id, new Date('2027-01-15T20:00:00Z')), {})) as string[][];
    expect(progress[0]).toEqual([
      'Name', 'Email', 'Group',
      'Week 1: R1', 'Week 1: R2', 'Week 1: R3 (optional)', 'Week 2: R4', 'Week 2: R5', 'Week 2: R6 (optional)',
      'Core readings done', 'Core readings', 'Due core readings done %', 'Standing',
    ]);
    const keen = progress.find((row) => row[0] === 'Keen Reader')!;
    // Done at noon UTC on 6 January: still the 6th in Los Angeles.
    expect(keen.slice(3, 9)).toEqual(['2027-01-06', '2027-01-06', '2027-01-06', '2027-01-06', '2027-01-06', '']);
    expect(keen.slice(9)).toEqual(['4', '4', '100', 'On track']);
    expect(progress.find((row) => row[0] === 'Behind Reader')!.slice(9)).toEqual(['0', '4', '0', 'At risk']);
  });

  it('writes names a spreadsheet would read as formulas as plain text', async () => {
    const user = await createUser({ name: '=HYPERLINK("http://evil.example","click")', email: `csv.${Date.now()}@standing.test` });
    const membership = await createMembership(world.cohort.id, 'FELLOW', { userId: user.id, groupId: world.groupB.id });
    try {
      const rows = parse(await exportProgressCsv(asCohortAdmin(world.cohort.id), { groupId: world.groupB.id })) as string[][];
      expect(rows.map((row) => row[0])).toContain(`'=HYPERLINK("http://evil.example","click")`);
      expect(rows.map((row) => row[0])).toContain('Other Group');
    } finally {
      await db.membership.delete({ where: { id: membership.id } });
    }
  });

  it('names the groups when asked for one that does not exist', async () => {
    await expect(findGroupIdByName(asCohortAdmin(world.cohort.id), { name: 'Group Z' })).rejects.toThrow(/no group "Group Z". Its groups: Group A, Group B/);
  });
});
