// The admin's overview of a cohort: its groups side by side (attendance rate, reading
// completion, fellows at risk) and the at-risk fellows first, from the same facts and rules
// as the facilitator's grid.
import { loadCohortProgress, type FellowProgress } from './load-cohort-progress';
import { nowOf, type CohortContext } from '@/server/services/context';
import { listGroupTrends } from './group-trends';

type Totals = { fellows: number; attended: number; judged: number; coreDoneOfDue: number; coreDue: number; atRisk: number; completed: number };

function addUp(fellows: FellowProgress[], coreDue: number): Totals {
  const totals: Totals = { fellows: fellows.length, attended: 0, judged: 0, coreDoneOfDue: 0, coreDue: 0, atRisk: 0, completed: 0 };
  for (const fellow of fellows) {
    const { attendance } = fellow.standing;
    totals.attended += attendance.present + attendance.late;
    totals.judged += attendance.present + attendance.late + attendance.absent;
    totals.coreDoneOfDue += fellow.coreDoneOfDue;
    totals.coreDue += coreDue;
    if (fellow.standing.atRisk) totals.atRisk += 1;
    if (fellow.standing.meetsCompletionRule) totals.completed += 1;
  }
  return totals;
}

function rates(totals: Totals) {
  return {
    fellows: totals.fellows,
    /** Present or late, of the marks given at held meetings; null before any. */
    attendanceRate: totals.judged ? totals.attended / totals.judged : null,
    /** Core readings done of those due so far; null before any are due. */
    readingRate: totals.coreDue ? totals.coreDoneOfDue / totals.coreDue : null,
    atRisk: totals.atRisk,
    /** Fellows who meet the completion rule now. */
    meetingRule: totals.completed,
  };
}

export async function getCohortOverview(ctx: CohortContext) {
  const { db, access } = ctx;
  const now = nowOf(ctx);
  const [progress, trends] = await Promise.all([loadCohortProgress(db, access.cohortId, { now, detail: 'counts' }), listGroupTrends(ctx, { now })]);
  const groups = progress.groups.map((group) => {
    const fellows = progress.fellows.filter((fellow) => fellow.groupId === group.id);
    return {
      id: group.id,
      name: group.name,
      facilitators: group.facilitators,
      meetingsHeld: progress.meetings.filter((meeting) => meeting.groupId === group.id && meeting.held).length,
      ...rates(addUp(fellows, progress.coreDue)),
    };
  });
  const ungrouped = progress.fellows.filter((fellow) => !fellow.groupId);
  const groupName = new Map(progress.groups.map((group) => [group.id, group.name]));
  return {
    cohort: progress.cohort,
    coreTotal: progress.coreTotal,
    coreDue: progress.coreDue,
    totals: rates(addUp(progress.fellows, progress.coreDue)),
    groups,
    /** Week by week per group: attendance, core readings done, prompts answered, check-ins. */
    trends,
    ungroupedFellows: ungrouped.length,
    /** How many fellows stand where: on track, at risk, (after the end) completed or not. */
    standingCounts: countStandings(progress.fellows),
    // The fellows who need a hand (at risk, or not completed once the cohort has ended); the
    // rest are one click away in their group's grid.
    fellows: progress.fellows.filter((fellow) => fellow.standing.atRisk || fellow.standing.status === 'not-completed').map((fellow) => ({
      membershipId: fellow.membershipId,
      name: fellow.name,
      email: fellow.email,
      groupId: fellow.groupId,
      groupName: fellow.groupId ? (groupName.get(fellow.groupId) ?? null) : null,
      coreDone: fellow.coreDone,
      standing: fellow.standing,
      lastActivityAt: fellow.lastActivityAt,
    })),
  };
}

function countStandings(fellows: FellowProgress[]) {
  const counts = { 'on-track': 0, 'at-risk': 0, completed: 0, 'not-completed': 0 };
  for (const fellow of fellows) counts[fellow.standing.status] += 1;
  return counts;
}

export type CohortOverview = Awaited<ReturnType<typeof getCohortOverview>>;
