// A group's name and schedule, as every view of meetings selects it (the home page, the
// calendar file, the attendance page, the members page).
export const groupScheduleSelect = {
  id: true,
  name: true,
  meetingDay: true,
  meetingTime: true,
  meetingMinutes: true,
  location: true,
  videoUrl: true,
} as const;
