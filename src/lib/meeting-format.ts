// Meetings as people read them: the moment in the cohort's time zone (which callers name beside
// it), and attendance marks in words. Pure, so the server and the browser agree.

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsIn(instant: Date, timeZone: string) {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = clockFormatter(timeZone).formatToParts(instant);
  } catch {
    parts = clockFormatter('UTC').formatToParts(instant);
  }
  return (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
}

/** The wall clock in `timeZone` at `instant`: { date: "2027-01-05", time: "18:00" }, for forms. */
const zonedClockFormatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: making one costs far more than using it (a page formats every meeting). */
function zonedClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zonedClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    zonedClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function toZonedClock(instant: Date, timeZone: string): { date: string; time: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = zonedClockFormatter(timeZone).formatToParts(instant);
  } catch {
    parts = zonedClockFormatter('UTC').formatToParts(instant);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** "Tue 5 Jan 2027, 18:00–19:30" in `timeZone`. */
export function formatMeetingWhen(startsAt: Date, minutes: number, timeZone: string): string {
  const start = partsIn(startsAt, timeZone);
  const end = partsIn(new Date(startsAt.getTime() + minutes * 60_000), timeZone);
  return `${start('weekday')} ${start('day')} ${start('month')} ${start('year')}, ${start('hour')}:${start('minute')}–${end('hour')}:${end('minute')}`;
}

/** "Tue 5 Jan, 18:04" in `timeZone`: when a mark was changed. */
export function formatChangeTime(instant: Date, timeZone: string): string {
  const part = partsIn(instant, timeZone);
  return `${part('weekday')} ${part('day')} ${part('month')}, ${part('hour')}:${part('minute')}`;
}

export type AttendanceMark = 'PRESENT' | 'LATE' | 'EXCUSED' | 'ABSENT';

/** Words and a symbol for each mark: the colour of a badge only echoes them. */
export const MARK_LABELS: Record<AttendanceMark, { label: string; symbol: string }> = {
  PRESENT: { label: 'Present', symbol: '✓' },
  LATE: { label: 'Late', symbol: '◔' },
  EXCUSED: { label: 'Excused', symbol: '–' },
  ABSENT: { label: 'Absent', symbol: '✗' },
};

/** Present and late both count as attended. */
export function countsAsAttended(status: AttendanceMark | null | undefined): boolean {
  return status === 'PRESENT' || status === 'LATE';
}
