// Moments (not calendar dates) for lists such as sessions and invitations. Rendered on the
// server and hydrated on the client, so the zone is fixed and named rather than the viewer's.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "14 Jan 2026, 18:05 UTC", or "… (Europe/London)" for another zone. */
export function formatMoment(date: Date, timeZone = 'UTC'): string {
  try {
    return `${formatterFor(timeZone).format(date)} ${timeZone === 'UTC' ? 'UTC' : `(${timeZone})`}`;
  } catch {
    return `${formatterFor('UTC').format(date)} UTC`;
  }
}

/** "14 Jan 2026": the day only, in UTC. */
const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDay(date: Date): string {
  return DAY_FORMAT.format(date);
}
