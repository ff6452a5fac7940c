// Small helpers over a fellow's week, shared by the current week and the earlier weeks.
import { formatWeekLabel } from '@/lib/format';
import type { FellowWeek } from '@/server/services/progress/build-fellow-home';

export function weekReadings(week: FellowWeek) {
  return week.sections.flatMap((section) => section.readings);
}

/** "Week 3", or the week's title for an unnumbered unit. */
export function weekName(week: FellowWeek): string {
  return formatWeekLabel(week) ?? week.title;
}
