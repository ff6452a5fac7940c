// What fellows said about each week, for the cohort's admins: per week (how many answered, the
// average, how the ratings spread, the comments), per group and per facilitator (their groups'
// fellows' average per week), and the same as CSV. A fixed number of queries whatever the
// cohort's size.
import { stringify } from 'csv-stringify/sync';
import { displayName } from '@/lib/format';
import type { CohortContext } from '@/server/services/context';
import { plainText } from '@/server/services/standing/export-csv';

type Rating = { rating: number };

function summarise(rows: Rating[]) {
  const distribution = [0, 0, 0, 0, 0];
  for (const row of rows) distribution[row.rating - 1]! += 1;
  return {
    count: rows.length,
    average: rows.length ? rows.reduce((sum, row) => sum + row.rating, 0) / rows.length : null,
    distribution,
  };
}

async function loadCheckIns(ctx: CohortContext) {
  const { db, access } = ctx;
  const [cohort, groups, rows] = await Promise.all([
    db.cohort.findUniqueOrThrow({
      where: { id: access.cohortId },
      select: {
        slug: true,
        curriculum: { select: { weeks: { orderBy: { position: 'asc' }, select: { id: true, position: true, number: true, label: true, title: true } } } },
      },
    }),
    db.discussionGroup.findMany({
      where: { cohortId: access.cohortId },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, facilitators: { select: { membership: { select: { id: true, user: { select: { name: true, email: true } } } } } } },
    }),
    db.weekCheckIn.findMany({
      where: { membership: { cohortId: access.cohortId, role: 'FELLOW' } },
      orderBy: { updatedAt: 'asc' },
      select: {
        weekId: true,
        rating: true,
        comment: true,
        updatedAt: true,
        membership: { select: { groupId: true, user: { select: { name: true, email: true } } } },
      },
    }),
  ]);
  return { cohort, groups, rows };
}

export async function getFeedbackResults(ctx: CohortContext) {
  const { cohort, groups, rows } = await loadCheckIns(ctx);
  const weeks = cohort.curriculum.weeks.map((week) => {
    const own = rows.filter((row) => row.weekId === week.id);
    return {
      id: week.id,
      position: week.position,
      label: week.label ?? (week.number !== null ? `Week ${week.number}` : `Unit ${week.position}`),
      title: week.title,
      ...summarise(own),
      comments: own
        .filter((row) => row.comment.trim() !== '')
        .map((row) => ({ name: displayName(row.membership.user), rating: row.rating, comment: row.comment })),
      byGroup: groups.map((group) => ({ groupId: group.id, ...summarise(own.filter((row) => row.membership.groupId === group.id)) })),
    };
  });
  // A facilitator's average: the check-ins of the fellows of the groups they lead.
  const facilitators = new Map<string, { name: string; groupIds: string[] }>();
  for (const group of groups) {
    for (const lead of group.facilitators) {
      const entry = facilitators.get(lead.membership.id) ?? { name: displayName(lead.membership.user), groupIds: [] };
      entry.groupIds.push(group.id);
      facilitators.set(lead.membership.id, entry);
    }
  }
  return {
    overall: summarise(rows),
    weeks,
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      facilitators: group.facilitators.map((lead) => displayName(lead.membership.user)),
      ...summarise(rows.filter((row) => row.membership.groupId === group.id)),
    })),
    facilitators: [...facilitators.entries()]
      .map(([id, entry]) => ({
        id,
        name: entry.name,
        groups: entry.groupIds.length,
        ...summarise(rows.filter((row) => row.membership.groupId !== null && entry.groupIds.includes(row.membership.groupId))),
        byWeek: weeks.map((week) => {
          const own = rows.filter((row) => row.weekId === week.id && row.membership.groupId !== null && entry.groupIds.includes(row.membership.groupId));
          return { weekId: week.id, ...summarise(own) };
        }),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type FeedbackResults = Awaited<ReturnType<typeof getFeedbackResults>>;

/** Every check-in: week, group, its facilitators, fellow, rating, comment, when. */
export async function exportFeedbackCsv(ctx: CohortContext): Promise<string> {
  const { cohort, groups, rows } = await loadCheckIns(ctx);
  const weekOf = new Map(cohort.curriculum.weeks.map((week) => [week.id, week]));
  const groupOf = new Map(groups.map((group) => [group.id, group]));
  const records = rows
    .map((row) => {
      const week = weekOf.get(row.weekId)!;
      const group = row.membership.groupId ? groupOf.get(row.membership.groupId) : undefined;
      return {
        position: week.position,
        cells: [
          week.label ?? (week.number !== null ? `Week ${week.number}` : `Unit ${week.position}`),
          plainText(week.title),
          plainText(group?.name ?? ''),
          plainText(group ? group.facilitators.map((lead) => displayName(lead.membership.user)).join('; ') : ''),
          plainText(displayName(row.membership.user)),
          plainText(row.membership.user.email),
          String(row.rating),
          plainText(row.comment),
          row.updatedAt.toISOString(),
        ],
      };
    })
    .sort((a, b) => a.position - b.position || a.cells[2]!.localeCompare(b.cells[2]!) || a.cells[4]!.localeCompare(b.cells[4]!));
  return stringify([['Week', 'Title', 'Group', 'Facilitators', 'Fellow', 'Email', 'Rating (1–5)', 'Comment', 'Updated'], ...records.map((record) => record.cells)]);
}
