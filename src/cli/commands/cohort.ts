import { toIsoDate } from '@/lib/cohort-calendar';
import { cloneCohort, createCohort, type CreatedCohort } from '@/server/services/cohorts/create-cohort';
import { listAdminCohorts, type AdminCohortRow } from '@/server/services/cohorts/list-admin-cohorts';
import { defineCommand, stringOption, UsageError, withSystem } from '../command';

export const cohortCreate = defineCommand<CreatedCohort>({
  name: 'cohort create',
  synopsis: [
    'cohort create --curriculum S --name N --start YYYY-MM-DD [--slug S] [--term T]',
    '              [--time-zone Z] [--cadence WEEKS] [--clone C [--include-facilitators]]',
  ],
  summary: ['Create a cohort running its own copy of template S, or', 'with --clone, a copy of cohort C (its syllabus and groups)'],
  options: {
    curriculum: { type: 'string' },
    name: { type: 'string' },
    start: { type: 'string' },
    slug: { type: 'string' },
    term: { type: 'string' },
    'time-zone': { type: 'string' },
    cadence: { type: 'string' },
    clone: { type: 'string' },
    'include-facilitators': { type: 'boolean' },
  },
  run: ({ values }) => {
    const text = (key: string) => stringOption(values, key);
    const clone = text('clone');
    if (!text('name') || !text('start') || (!text('curriculum') && !clone)) {
      throw new UsageError('cohort create needs --name, --start and --curriculum (or --clone)');
    }
    if (values['include-facilitators'] === true && !clone) throw new UsageError('--include-facilitators goes with --clone');
    const cadence = text('cadence');
    if (cadence !== undefined && !/^\d+$/.test(cadence)) throw new UsageError('--cadence takes a whole number of weeks');
    const common = {
      name: text('name')!,
      startDate: text('start')!,
      slug: text('slug'),
      term: text('term'),
      timeZone: text('time-zone'),
      meetingCadenceWeeks: cadence === undefined ? undefined : Number(cadence),
    };
    return withSystem((ctx) =>
      clone
        ? cloneCohort(ctx, { ...common, source: clone, curriculum: text('curriculum'), includeFacilitators: values['include-facilitators'] === true })
        : createCohort(ctx, { ...common, curriculum: text('curriculum')! }),
    );
  },
  print: (cohort) =>
    [
      `Created cohort "${cohort.name}" (${cohort.slug}), a draft starting ${toIsoDate(cohort.startDate)} in ${cohort.timeZone}.`,
      `Syllabus: its own copy ${cohort.curriculum.slug} of ${cohort.curriculum.source?.slug ?? 'its template'} (version ${cohort.curriculum.sourceVersion ?? 1}).`,
      ...(cohort.clonedFromId ? [`Copied ${cohort._count.groups} group(s) and ${cohort._count.memberships} facilitator(s); no fellows.`] : []),
    ].join('\n'),
});

export const cohortList = defineCommand<AdminCohortRow[]>({
  name: 'cohort list',
  synopsis: ['cohort list'],
  summary: ['Every cohort with its status, dates and counts'],
  run: () => withSystem((ctx) => listAdminCohorts(ctx)),
  print: (cohorts) =>
    cohorts.length === 0
      ? 'No cohorts yet: create one with `fellowship cohort create`.'
      : cohorts
          .map(
            (cohort) =>
              `${cohort.slug}  ${cohort.name}${cohort.term ? ` (${cohort.term})` : ''}  ${cohort.status.toLowerCase()}  ` +
              `${toIsoDate(cohort.startDate)} to ${cohort.endDate ? toIsoDate(cohort.endDate) : '?'} ${cohort.timeZone}  ` +
              `${cohort.counts.fellows} fellow(s), ${cohort.counts.facilitators} facilitator(s), ${cohort.counts.groups} group(s)  ` +
              `syllabus ${cohort.curriculum.slug}`,
          )
          .join('\n'),
});
