// Dates in emails: always with the weekday, in the recipient's time zone, and the zone named,
// because an email is read away from the app (and forwarded across zones).

// Building an Intl.DateTimeFormat costs far more than using one: a worker keeps them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      cached = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, cached);
  }
  return cached;
}

function zoneName(instant: Date, timeZone: string): string {
  const short = formatter(timeZone, { timeZoneName: 'short' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  return short && short !== timeZone ? `${timeZone}, ${short}` : timeZone;
}

/** "Tuesday 8 December, 18:00–19:30 (America/Los_Angeles, PST)". */
export function formatMeetingWhen(startsAtIso: string, minutes: number, timeZone: string): string {
  const start = new Date(startsAtIso);
  const end = new Date(start.getTime() + minutes * 60_000);
  const day = formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(start);
  const time = formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day}, ${time.format(start)}–${time.format(end)} (${zoneName(start, timeZone)})`;
}

/** "Tuesday 8 December 2026 (Asia/Tokyo, JST)". */
export function formatEmailDay(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  return `${formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant)} (${zoneName(instant, timeZone)})`;
}

export function formatReadingMinutes(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
