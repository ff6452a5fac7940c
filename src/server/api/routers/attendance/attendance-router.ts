// Meetings and attendance. Facilitators and admins run a group's meetings and sheets (the
// services check that the caller leads that group: another group's ids are NOT_FOUND);
// fellows read their own record.
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import {
  addExtraMeetingInput,
  groupInput,
  markAttendanceInput,
  meetingInput,
  moveMeetingInput,
} from '@/lib/schemas/attendance';
import { getAttendanceSheet, listAttendanceChanges } from '@/server/services/attendance/attendance-sheet';
import { markAllPresent, markAttendance } from '@/server/services/attendance/mark-attendance';
import { getMyAttendance } from '@/server/services/attendance/my-attendance';
import {
  addExtraMeeting,
  cancelMeeting,
  listAttendanceGroups,
  listGroupMeetings,
  moveMeeting,
  restoreMeeting,
} from '@/server/services/meetings/manage-meetings';

export const attendanceRouter = createTRPCRouter({
  groups: cohortProcedure('FACILITATOR').query(({ ctx }) => listAttendanceGroups(ctx.cohort)),

  meetings: cohortProcedure('FACILITATOR')
    .input(groupInput)
    .query(({ ctx, input }) => listGroupMeetings(ctx.cohort, input)),

  moveMeeting: cohortProcedure('FACILITATOR')
    .input(moveMeetingInput)
    .mutation(({ ctx, input }) => moveMeeting(ctx.cohort, input)),

  cancelMeeting: cohortProcedure('FACILITATOR')
    .input(meetingInput)
    .mutation(({ ctx, input }) => cancelMeeting(ctx.cohort, input)),

  restoreMeeting: cohortProcedure('FACILITATOR')
    .input(meetingInput)
    .mutation(({ ctx, input }) => restoreMeeting(ctx.cohort, input)),

  addMeeting: cohortProcedure('FACILITATOR')
    .input(addExtraMeetingInput)
    .mutation(({ ctx, input }) => addExtraMeeting(ctx.cohort, input)),

  sheet: cohortProcedure('FACILITATOR')
    .input(meetingInput)
    .query(({ ctx, input }) => getAttendanceSheet(ctx.cohort, input)),

  changes: cohortProcedure('FACILITATOR')
    .input(meetingInput)
    .query(({ ctx, input }) => listAttendanceChanges(ctx.cohort, input)),

  mark: cohortProcedure('FACILITATOR')
    .input(markAttendanceInput)
    .mutation(({ ctx, input }) => markAttendance(ctx.cohort, ctx.session.user.id, input)),

  markAllPresent: cohortProcedure('FACILITATOR')
    .input(meetingInput)
    .mutation(({ ctx, input }) => markAllPresent(ctx.cohort, ctx.session.user.id, input)),

  mine: cohortProcedure('FELLOW').query(({ ctx }) => getMyAttendance(ctx.cohort)),
});
