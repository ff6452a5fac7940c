// Attendance and reading progress as CSV, one row per fellow: the funder's report at the end
// of a quarter. The web download and `fellowship export …` print the same bytes.
import { stringify } from 'csv-stringify/sync';
import { can } from '@/lib/permissions';
import { AppError, outOfReach } from '@/server/errors';
import { nowOf, type CohortContext } from '@/server/services/context';
import { toIsoDate } from '@/lib/cohort-calendar';
import { STANDING_LABELS } from '@/lib/standing';
import { assertMayWatchGroup } from './group-progress';
import { loadCohortProgress, type CohortProgress } from './load-cohort-progress';

export type ExportScope = { groupId?: string };

const MARK_TEXT = { PRESENT: 'present', LATE: 'late', EXCUSED: 'excused', ABSENT: 'absent' } as const;

/** The group of a cohort by its name (the CLI's `--group`), as an id. */
export async function findGroupIdByName(ctx: CohortContext, input: { name: string }): Promise<string> {
  const { db } = ctx;
  const { cohortId } = ctx.access;
  const { name } = input;
  const group = await db.discussionGroup.findFirst({ where: { cohortId, name: { equals: name, mode: 'insensitive' } }, select: { id: true } });
  if (!group) {
    const names = await db.discussionGroup.findMany({ where: { cohortId }, orderBy: { name: 'asc' }, select: { name: true } });
    throw new AppError('NOT_FOUND', `This cohort has no group "${name}". Its groups: ${names.map((g) => g.name).join(', ') || 'none'}.`);
  }
  return group.id;
}

/**
 * The rows to export: one group (for those who may watch it) or the whole cohort (for those who
 * may see the whole cohort's standing); anything else is out of reach.
 */
async function load(ctx: CohortContext, scope: ExportScope): Promise<CohortProgress> {
  const { db, access } = ctx;
  if (scope.groupId) assertMayWatchGroup(access, scope.groupId);
  else if (!can(access, 'standing.viewCohort')) throw outOfReach('No such group in this cohort.');
  const progress = await loadCohortProgress(db, access.cohortId, { groupIds: scope.groupId ? [scope.groupId] : undefined, now: nowOf(ctx) });
  if (scope.groupId && progress.groups.length === 0) throw new AppError('NOT_FOUND', 'No such group in this cohort.');
  return progress;
}

/**
 * Text a person typed (names, emails, group names, reading titles) as a CSV cell that a
 * spreadsheet will not run: a leading = + - @ or control character makes Excel and Sheets read
 * a formula, so such text gets a leading apostrophe (OWASP's advice for CSV injection).
 */
export function plainText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function groupNames(progress: CohortProgress) {
  const names = new Map(progress.groups.map((group) => [group.id, group.name]));
  return (groupId: string | null) => (groupId ? (names.get(groupId) ?? '') : '');
}

function percent(share: number | null): string {
  return share === null ? '' : String(Math.round(share * 100));
}

function byGroupThenName<T extends { groupId: string | null; name: string }>(fellows: T[], groupName: (id: string | null) => string): T[] {
  return [...fellows].sort((a, b) => groupName(a.groupId).localeCompare(groupName(b.groupId)) || a.name.localeCompare(b.name));
}

/**
 * One column per meeting. For one group: its meetings, headed by date and week. For a whole
 * cohort, whose groups meet on different days: "Meeting 1", "Meeting 2"… in each group's order.
 * A cell is present, late, excused, absent, or empty when not marked; cancelled meetings are left out.
 */
export async function exportAttendanceCsv(ctx: CohortContext, scope: ExportScope = {}): Promise<string> {
  const progress = await load(ctx, scope);
  const groupName = groupNames(progress);
  const meetingsByGroup = new Map<string, string[]>();
  const meetingHeader = new Map<string, string>();
  for (const meeting of progress.meetings) {
    if (meeting.cancelled) continue;
    const list = meetingsByGroup.get(meeting.groupId) ?? [];
    list.push(meeting.id);
    meetingsByGroup.set(meeting.groupId, list);
    const week = meeting.weekPosition !== null ? ` (week ${meeting.weekPosition})` : ' (extra)';
    meetingHeader.set(meeting.id, `${toIsoDate(meeting.startsAt)}${week}`);
  }
  const columns = scope.groupId
    ? (meetingsByGroup.get(scope.groupId) ?? []).map((id) => meetingHeader.get(id)!)
    : Array.from({ length: Math.max(0, ...[...meetingsByGroup.values()].map((list) => list.length)) }, (_, index) => `Meeting ${index + 1}`);

  const rows = byGroupThenName(progress.fellows, groupName).map((fellow) => {
    const meetings = fellow.groupId ? (meetingsByGroup.get(fellow.groupId) ?? []) : [];
    const { attendance } = fellow.standing;
    return [
      plainText(fellow.name),
      plainText(fellow.email),
      plainText(groupName(fellow.groupId)),
      ...columns.map((_, index) => {
        const mark = meetings[index] ? fellow.marks.get(meetings[index]) : undefined;
        return mark ? MARK_TEXT[mark.status] : '';
      }),
      attendance.present,
      attendance.late,
      attendance.excused,
      attendance.absent,
      percent(fellow.standing.attendanceRate),
    ];
  });
  return stringify([['Name', 'Email', 'Group', ...columns, 'Present', 'Late', 'Excused', 'Absent', 'Attendance %'], ...rows]);
}

/**
 * One column per reading, headed "Week N: title" (optional ones marked), holding the date it
 * was marked done (in the cohort's time zone) or empty; then the core totals and the standing.
 */
export async function exportProgressCsv(ctx: CohortContext, scope: ExportScope = {}): Promise<string> {
  const progress = await load(ctx, scope);
  const groupName = groupNames(progress);
  const items = progress.units.flatMap((unit) => unit.items.map((item) => ({ ...item, header: `${unit.label}: ${item.title}${item.core ? '' : ' (optional)'}` })));
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: progress.cohort.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const rows = byGroupThenName(progress.fellows, groupName).map((fellow) => [
    plainText(fellow.name),
    plainText(fellow.email),
    plainText(groupName(fellow.groupId)),
    ...items.map((item) => {
      const doneAt = fellow.done.get(item.id);
      return doneAt ? day.format(doneAt) : '';
    }),
    fellow.coreDone,
    progress.coreTotal,
    percent(fellow.standing.dueReadingShare),
    STANDING_LABELS[fellow.standing.status],
  ]);
  return stringify([
    ['Name', 'Email', 'Group', ...items.map((item) => plainText(item.header)), 'Core readings done', 'Core readings', 'Due core readings done %', 'Standing'],
    ...rows,
  ]);
}
