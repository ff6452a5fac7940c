// Meetings and attendance. Facilitators and admins run a group's meetings and sheets (the
// services check that the caller leads that group: another group's ids are NOT_FOUND);
// fellows read their own record.
import { addExtraMeetingInput, groupInput, markAttendanceInput, meetingInput, moveMeetingInput } from '@/lib/schemas/attendance';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { getAttendanceSheet, getAttendanceSheetWithChanges, listAttendanceChanges } from '@/server/services/attendance/attendance-sheet';
import { markAllPresent, markAttendance } from '@/server/services/attendance/mark-attendance';
import { getMyAttendance } from '@/server/services/attendance/my-attendance';
import { getMeetingPrep } from '@/server/services/meetings/meeting-prep';
import {
  addExtraMeeting,
  cancelMeeting,
  listAttendanceGroups,
  listGroupMeetings,
  moveMeeting,
  restoreMeeting,
} from '@/server/services/meetings/manage-meetings';

export const attendanceRouter = createTRPCRouter({
  groups: cohortProcedure('meetings.manage').query(({ ctx }) => listAttendanceGroups(ctx)),

  meetings: cohortProcedure('meetings.manage').input(groupInput).query(({ ctx, input }) => listGroupMeetings(ctx, input)),

  moveMeeting: cohortProcedure('meetings.manage').input(moveMeetingInput).mutation(({ ctx, input }) => moveMeeting(ctx, input)),

  cancelMeeting: cohortProcedure('meetings.manage').input(meetingInput).mutation(({ ctx, input }) => cancelMeeting(ctx, input)),

  restoreMeeting: cohortProcedure('meetings.manage').input(meetingInput).mutation(({ ctx, input }) => restoreMeeting(ctx, input)),

  addMeeting: cohortProcedure('meetings.manage').input(addExtraMeetingInput).mutation(({ ctx, input }) => addExtraMeeting(ctx, input)),

  sheet: cohortProcedure('attendance.mark').input(meetingInput).query(({ ctx, input }) => getAttendanceSheet(ctx, input)),

  changes: cohortProcedure('attendance.mark').input(meetingInput).query(({ ctx, input }) => listAttendanceChanges(ctx, input)),

  /** The sheet and its changes together, as the attendance page first shows them (fewer reads than both). */
  sheetWithChanges: cohortProcedure('attendance.mark').input(meetingInput).query(({ ctx, input }) => getAttendanceSheetWithChanges(ctx, input)),

  mark: cohortProcedure('attendance.mark').input(markAttendanceInput).mutation(({ ctx, input }) => markAttendance(ctx, input)),

  markAllPresent: cohortProcedure('attendance.mark').input(meetingInput).mutation(({ ctx, input }) => markAllPresent(ctx, input)),

  mine: cohortProcedure('cohort.view').query(({ ctx }) => getMyAttendance(ctx)),

  /** The prep sheet of a meeting: each fellow's readings, answers, attendance, runs and standing. */
  prep: cohortProcedure('attendance.mark').input(meetingInput).query(({ ctx, input }) => getMeetingPrep(ctx, input)),
});
