// A group's name and schedule, as every view of meetings selects it (the home page, the
// calendar file, the attendance page, the members page, the groups page). Reconciling meetings
// (meetings/ensure-group-meetings.ts) reads the same schedule fields with the group's cohort.
export const groupScheduleSelect = {
  id: true,
  name: true,
  meetingDay: true,
  meetingTime: true,
  meetingMinutes: true,
  location: true,
  videoUrl: true,
} as const;
