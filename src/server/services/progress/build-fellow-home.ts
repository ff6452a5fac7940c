// The fellow's part of the cohort home, built from what getCohortHome already loaded (the
// syllabus, the calendar, the fellow's ticks and notes): the week shown with each reading
// done or not, the weeks that are over with what is still open, and the counts behind the
// progress bars. Pure, so it adds no queries.
import { isUnitOver, type CohortCalendar } from '@/lib/cohort-calendar';
import { isOptionalReading } from '@/lib/reading-time';
import { countReadings, type ProgressReading, type ReadingCounts } from '@/lib/reading-progress';

type LoadedItem = {
  id: string;
  kind: 'READING' | 'VIDEO' | 'NOTEBOOK' | 'EXERCISE';
  title: string;
  url: string | null;
  minutes: number | null;
  minutesText: string | null;
  optional: boolean;
  note: string | null;
};

type LoadedWeek = {
  id: string;
  position: number;
  number: number | null;
  span: number;
  title: string;
  sections: { id: string; title: string; kind: string; items: LoadedItem[] }[];
};

export type FellowReading = LoadedItem & {
  /** Not optional: counts towards the bars and the minutes left. */
  core: boolean;
  done: boolean;
};

export type FellowWeek = {
  id: string;
  position: number;
  number: number | null;
  span: number;
  title: string;
  startsOn: Date;
  endsOn: Date;
  sections: { id: string; title: string; kind: string; readings: FellowReading[] }[];
  counts: ReadingCounts;
  /** The fellow's private note on this week; null when none. */
  reflection: { text: string; updatedAt: Date } | null;
};

export type FellowHome = {
  /** The week the home page shows (the one running, or the next or last one). */
  thisWeek: FellowWeek | null;
  /** Weeks that are over, oldest first, without the one shown as this week. */
  pastWeeks: FellowWeek[];
  /** The whole cohort's readings, for the cohort bar. */
  cohort: ReadingCounts;
  /** Every reading of the cohort, so the browser can recount after a tick. */
  readings: ProgressReading[];
  doneItemIds: string[];
};

export function buildFellowHome(input: {
  weeks: LoadedWeek[];
  calendar: CohortCalendar;
  /** Index of the unit shown as this week; null without units. */
  shownUnitIndex: number | null;
  timeZone: string;
  now: Date;
  ticks: { itemId: string; completedAt: Date }[];
  reflections: { weekId: string; text: string; updatedAt: Date }[];
}): FellowHome {
  const done = new Set(input.ticks.map((tick) => tick.itemId));
  const reflections = new Map(input.reflections.map((reflection) => [reflection.weekId, reflection]));

  const fellowWeeks = input.weeks.map((week, index): FellowWeek => {
    const unit = input.calendar.units[index]!;
    const sections = week.sections.map((section) => ({
      id: section.id,
      title: section.title,
      kind: section.kind,
      readings: section.items.map((item) => ({ ...item, core: !isOptionalReading(item, section), done: done.has(item.id) })),
    }));
    const reflection = reflections.get(week.id);
    return {
      id: week.id,
      position: week.position,
      number: week.number,
      span: week.span,
      title: week.title,
      startsOn: unit.startDate,
      endsOn: unit.endDate,
      sections,
      counts: countReadings(
        sections.flatMap((section) => section.readings),
        (id) => done.has(id),
      ),
      reflection: reflection ? { text: reflection.text, updatedAt: reflection.updatedAt } : null,
    };
  });

  const readings = fellowWeeks.flatMap((week) =>
    week.sections.flatMap((section) => section.readings.map(({ id, core, minutes }) => ({ id, core, minutes }))),
  );
  return {
    thisWeek: input.shownUnitIndex === null ? null : (fellowWeeks[input.shownUnitIndex] ?? null),
    pastWeeks: fellowWeeks.filter(
      (_week, index) => index !== input.shownUnitIndex && isUnitOver(input.calendar.units[index]!, input.timeZone, input.now),
    ),
    cohort: countReadings(readings, (id) => done.has(id)),
    readings,
    // Only ticks of this cohort's readings (a reading deleted since is gone with its tick).
    doneItemIds: readings.filter((reading) => done.has(reading.id)).map((reading) => reading.id),
  };
}
