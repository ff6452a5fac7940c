// Meeting times as groups store them: a weekday (0 = Sunday) and "HH:MM", both in the
// cohort's time zone. Shown as they are, with the zone named beside them, never converted.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function addMinutes(time: string, minutes: number): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const total = (Number(match[1]) * 60 + Number(match[2]) + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "18:00" and 90 minutes -> "18:00–19:30"; the time as given when it cannot be read. */
export function formatTimeRange(time: string, minutes: number): string {
  const end = addMinutes(time, minutes);
  return end ? `${time}–${end}` : time;
}

/** "Tuesdays, 18:00–19:30"; null when the group has no meeting time yet. */
export function formatMeetingTime(group: { meetingDay: number | null; meetingTime: string | null; meetingMinutes?: number | null }): string | null {
  if (group.meetingDay === null && !group.meetingTime) return null;
  const day = group.meetingDay !== null ? WEEKDAYS[group.meetingDay] : undefined;
  const end = group.meetingTime && group.meetingMinutes ? addMinutes(group.meetingTime, group.meetingMinutes) : null;
  const time = group.meetingTime ? (end ? `${group.meetingTime}–${end}` : group.meetingTime) : null;
  if (day && time) return `${day}s, ${time}`;
  return day ? `${day}s` : time;
}
