// Who is keeping up: pure rules over the facts of one cohort, shared by the facilitator's
// grid, the admin overview, the exports and their tests.
//
// - A core reading is one that is not optional (isOptionalReading: the reading says so or its
//   section is an optional one). It is due once the unit it belongs to has ended, read in the
//   cohort's time zone: a reading of the week ending Sunday is due after that Sunday.
// - A missed meeting is an unexcused absence at a meeting that was held (not cancelled).
//   Late counts as attended; excused is neither attended nor missed.
// - At risk: at least `atRiskMissedMeetings` missed meetings, or fewer than
//   `atRiskReadingPercent` % of the core readings due so far done (once any are due).
// - Completion: at most `completionMaxUnexcusedAbsences` missed meetings and at least
//   `completionReadingPercent` % of all the cohort's core readings done, and, where the cohort
//   requires prompts (`promptsRequired`), an answer to every prompt of the weeks. Before the cohort
//   ends a fellow is "on track" or "at risk"; after it, "completed" or "not completed".

export type AttendanceMark = 'PRESENT' | 'LATE' | 'EXCUSED' | 'ABSENT';

export type StandingRules = {
  atRiskMissedMeetings: number;
  atRiskReadingPercent: number;
  completionMaxUnexcusedAbsences: number;
  completionReadingPercent: number;
  /** Completion also needs every prompt answered (and too few answers to due ones puts a fellow at risk). */
  promptsRequired?: boolean;
};

export type FellowFacts = {
  /** Core readings done, of those due so far. */
  coreDoneOfDue: number;
  coreDue: number;
  /** Core readings done, of all the cohort's. */
  coreDone: number;
  coreTotal: number;
  /** Marks at the meetings held so far (cancelled meetings excluded); unmarked ones are absent from the list. */
  marks: AttendanceMark[];
  /** Meetings held so far for the fellow's group. */
  meetingsHeld: number;
  /** Prompts answered, of those of weeks that have ended, and of all. */
  promptsAnsweredOfDue?: number;
  promptsDue?: number;
  promptsAnswered?: number;
  promptsTotal?: number;
};

export type AttendanceSummary = { present: number; late: number; excused: number; absent: number; unmarked: number; held: number };

export type Standing = {
  attendance: AttendanceSummary;
  /** Share of held meetings attended (present or late) among those marked; null when none are marked. */
  attendanceRate: number | null;
  /** Share of due core readings done; null when none are due yet. */
  dueReadingShare: number | null;
  atRisk: boolean;
  /** Why, in words, for the facilitator ("Missed 2 meetings", "30% of due core readings done"). */
  riskReasons: string[];
  status: 'on-track' | 'at-risk' | 'completed' | 'not-completed';
  meetsCompletionRule: boolean;
};

export function summarizeAttendance(marks: AttendanceMark[], held: number): AttendanceSummary {
  const count = (mark: AttendanceMark) => marks.filter((value) => value === mark).length;
  const summary = { present: count('PRESENT'), late: count('LATE'), excused: count('EXCUSED'), absent: count('ABSENT') };
  return { ...summary, unmarked: Math.max(0, held - marks.length), held };
}

export function computeStanding(facts: FellowFacts, rules: StandingRules, cohortEnded: boolean): Standing {
  const attendance = summarizeAttendance(facts.marks, facts.meetingsHeld);
  const attended = attendance.present + attendance.late;
  const judged = attended + attendance.absent;
  const attendanceRate = judged > 0 ? attended / judged : null;
  const dueReadingShare = facts.coreDue > 0 ? facts.coreDoneOfDue / facts.coreDue : null;

  const riskReasons: string[] = [];
  if (attendance.absent >= rules.atRiskMissedMeetings) {
    riskReasons.push(`Missed ${attendance.absent} ${attendance.absent === 1 ? 'meeting' : 'meetings'}`);
  }
  if (dueReadingShare !== null && dueReadingShare * 100 < rules.atRiskReadingPercent) {
    riskReasons.push(`${Math.round(dueReadingShare * 100)}% of due core readings done`);
  }
  const promptsDue = facts.promptsDue ?? 0;
  if (rules.promptsRequired && promptsDue > 0 && ((facts.promptsAnsweredOfDue ?? 0) / promptsDue) * 100 < rules.atRiskReadingPercent) {
    riskReasons.push(`${facts.promptsAnsweredOfDue ?? 0} of ${promptsDue} due prompts answered`);
  }
  const atRisk = riskReasons.length > 0;

  const readingShare = facts.coreTotal > 0 ? facts.coreDone / facts.coreTotal : 1;
  const promptsDone = !rules.promptsRequired || (facts.promptsAnswered ?? 0) >= (facts.promptsTotal ?? 0);
  const meetsCompletionRule =
    attendance.absent <= rules.completionMaxUnexcusedAbsences && readingShare * 100 >= rules.completionReadingPercent && promptsDone;
  const status = cohortEnded ? (meetsCompletionRule ? 'completed' : 'not-completed') : atRisk ? 'at-risk' : 'on-track';
  return { attendance, attendanceRate, dueReadingShare, atRisk, riskReasons, status, meetsCompletionRule };
}

export const STANDING_LABELS: Record<Standing['status'], string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  completed: 'Completed',
  'not-completed': 'Not completed',
};
