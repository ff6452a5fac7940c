import { exportAttendanceCsv, exportProgressCsv, findGroupIdByName } from '@/server/services/standing/export-csv';
import { defineCommand, withCohort, type CommandSpec } from '../command';

function exportCommand(
  write: typeof exportAttendanceCsv,
  spec: Pick<CommandSpec<unknown>, 'name' | 'synopsis' | 'summary'>,
) {
  return defineCommand<{ csv: string }>({
    ...spec,
    positionals: ['cohort'],
    options: { group: { type: 'string' } },
    run: ({ values, positionals }) =>
      withCohort(positionals[0]!, async (ctx) => {
        const groupId = typeof values.group === 'string' ? await findGroupIdByName(ctx, { name: values.group }) : undefined;
        return { csv: await write(ctx, { groupId }) };
      }),
    print: ({ csv }) => csv.replace(/\n$/, ''),
  });
}

export const exportAttendance = exportCommand(exportAttendanceCsv, {
  name: 'export attendance',
  synopsis: ['export attendance <cohort> [--group G]'],
  summary: ['Print attendance as CSV: a row per fellow, a column per meeting'],
});

export const exportProgress = exportCommand(exportProgressCsv, {
  name: 'export progress',
  synopsis: ['export progress <cohort> [--group G]'],
  summary: ['Print reading progress as CSV: a row per fellow, a column per reading'],
});
