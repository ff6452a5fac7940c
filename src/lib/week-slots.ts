// A weekly availability grid is 336 half-hour slots. Stored and solved in UTC: slot 0 is
// Monday 00:00–00:30 UTC of the cohort's reference week (the week its first day is in), so
// everyone's painting lands on one axis whatever their zone. A person paints in their own
// zone; `localToUtcSlots` and `utcToLocalSlots` move a grid between the two, using the zone's
// offset in the reference week (a grid is about a typical week, not a daylight-saving switch).
import { addDays, zonedDateTimeToInstant } from './cohort-calendar';

export const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = 48;
export const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The Monday (UTC date) on or before `date`: the reference week of a cohort starting then. */
export function referenceMonday(date: Date): Date {
  const day = date.getUTCDay(); // 0 = Sunday
  const back = (day + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - back));
}

function slotTime(slot: number): string {
  const minutes = (slot % SLOTS_PER_DAY) * SLOT_MINUTES;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The UTC slot a local slot (0 = Monday 00:00 local) falls in, in the week of `monday`. */
export function localSlotToUtc(localSlot: number, timeZone: string, monday: Date): number {
  const date = addDays(monday, Math.floor(localSlot / SLOTS_PER_DAY));
  const instant = zonedDateTimeToInstant(date, slotTime(localSlot), timeZone);
  if (!instant) throw new Error(`Unknown time zone ${timeZone}`);
  const minutes = Math.floor((instant.getTime() - monday.getTime()) / 60_000);
  // Zones a quarter-hour off the half hour (Nepal, Chatham) round down to the slot they start in.
  return (((Math.floor(minutes / SLOT_MINUTES) % SLOTS_PER_WEEK) + SLOTS_PER_WEEK) % SLOTS_PER_WEEK);
}

/** The zone's offset from UTC in slots during the week of `monday` (rounded down). */
export function zoneOffsetSlots(timeZone: string, monday: Date): number {
  // Wednesday noon avoids the switch hours of every zone that changes on a weekend.
  const utc = localSlotToUtc(2 * SLOTS_PER_DAY + 24, timeZone, monday);
  const offset = 2 * SLOTS_PER_DAY + 24 - utc;
  return offset > SLOTS_PER_WEEK / 2 ? offset - SLOTS_PER_WEEK : offset < -SLOTS_PER_WEEK / 2 ? offset + SLOTS_PER_WEEK : offset;
}

function shift(slots: Iterable<number>, by: number): number[] {
  const out = new Set<number>();
  for (const slot of slots) out.add((((slot + by) % SLOTS_PER_WEEK) + SLOTS_PER_WEEK) % SLOTS_PER_WEEK);
  return [...out].sort((a, b) => a - b);
}

/** A grid painted in `timeZone` (local slots) as UTC slots of the reference week. */
export function localToUtcSlots(localSlots: Iterable<number>, timeZone: string, monday: Date): number[] {
  return shift(localSlots, -zoneOffsetSlots(timeZone, monday));
}

/** UTC slots shown back in `timeZone`. */
export function utcToLocalSlots(utcSlots: Iterable<number>, timeZone: string, monday: Date): number[] {
  return shift(utcSlots, zoneOffsetSlots(timeZone, monday));
}

/**
 * The start slots of every meeting of `length` slots that fits inside `slots` (wrapping from
 * Sunday night into Monday morning). Sorted.
 */
export function meetingStarts(slots: Iterable<number>, length: number): number[] {
  const free = new Uint8Array(SLOTS_PER_WEEK);
  for (const slot of slots) if (slot >= 0 && slot < SLOTS_PER_WEEK) free[slot] = 1;
  const starts: number[] = [];
  for (let start = 0; start < SLOTS_PER_WEEK; start++) {
    let fits = true;
    for (let k = 0; k < length && fits; k++) fits = free[(start + k) % SLOTS_PER_WEEK] === 1;
    if (fits) starts.push(start);
  }
  return starts;
}

/** Weekday (0 = Monday) and "HH:MM" of a slot on its own axis (UTC or local). */
export function slotDayAndTime(slot: number): { day: number; time: string } {
  return { day: Math.floor(slot / SLOTS_PER_DAY), time: slotTime(slot) };
}

/** "Tuesday 18:00" for a slot on its own axis. */
export function formatSlot(slot: number): string {
  const { day, time } = slotDayAndTime(slot);
  return `${WEEKDAY_NAMES[day]} ${time}`;
}

/** The meeting starts every one of `ids` can make, from each person's own starts. Sorted. */
export function commonStarts(startsOf: Readonly<Record<string, { starts: readonly number[] } | undefined>>, ids: readonly string[]): number[] {
  if (!ids.length) return [];
  let common = new Set(startsOf[ids[0]!]?.starts ?? []);
  for (const id of ids.slice(1)) {
    const starts = new Set(startsOf[id]?.starts ?? []);
    common = new Set([...common].filter((start) => starts.has(start)));
  }
  return [...common].sort((a, b) => a - b);
}
