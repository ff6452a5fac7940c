// The progress grid's props, picked on the server: only what it shows crosses to the browser
// (it is a client component for its payload's sake: see progress-grid.tsx).
import type { GroupProgress } from '@/server/services/standing/group-progress';

/** What the grid draws: the fellows' rows without their emails, the items, the totals and the zone. */
export type ProgressGridData = {
  group: { name: string };
  cohort: { timeZone: string };
  items: Pick<GroupProgress['items'][number], 'id' | 'unitLabel' | 'core' | 'title'>[];
  coreTotal: number;
  coreDue: number;
  fellows: Omit<GroupProgress['fellows'][number], 'email'>[];
};

/** Only what the grid shows, so nothing else of the progress crosses to the browser. */
export function toProgressGridData(progress: GroupProgress): ProgressGridData {
  return {
    group: { name: progress.group.name },
    cohort: { timeZone: progress.cohort.timeZone },
    items: progress.items.map(({ id, unitLabel, core, title }) => ({ id, unitLabel, core, title })),
    coreTotal: progress.coreTotal,
    coreDue: progress.coreDue,
    fellows: progress.fellows.map(({ email: _email, ...fellow }) => fellow),
  };
}
