import { importRoster, previewRoster, type RosterImportResult, type RosterPreview } from '@/server/services/roster/import-roster';
import { assertRosterSize } from '@/server/services/roster/parse-roster';
import { defineCommand, withCohort } from '../command';
import { readBoundedFile } from '../read-bounded-file';

type RosterOutput = ({ dryRun: true } & RosterPreview) | ({ dryRun: false } & RosterImportResult);

export const rosterImport = defineCommand<RosterOutput>({
  name: 'roster import',
  synopsis: ['roster import <cohort> <file.csv> [--dry-run] [--create-groups]'],
  summary: [
    'Add people from a CSV (name, email, role, group): all rows',
    "or none; --dry-run shows each row's fate and writes nothing",
  ],
  positionals: ['cohort', 'file.csv'],
  options: { 'dry-run': { type: 'boolean' }, 'create-groups': { type: 'boolean' } },
  run: async ({ values, positionals }) => {
    const csv = new TextDecoder('utf-8').decode(await readBoundedFile(positionals[1]!, assertRosterSize));
    const input = { csv, createMissingGroups: values['create-groups'] === true };
    return withCohort(positionals[0]!, async (ctx): Promise<RosterOutput> => {
      if (values['dry-run'] === true) return { dryRun: true, ...(await previewRoster(ctx, input)) };
      return { dryRun: false, ...(await importRoster(ctx, input)) };
    });
  },
  print: (result) => {
    const preview = result.dryRun ? result : result.preview;
    const rows = preview.rows.map((row) => `  line ${row.line}  ${row.fate.padEnd(8)} ${row.email || '(no email)'}  ${row.message}`);
    if (result.dryRun) {
      const { counts } = preview;
      return [
        ...rows,
        `${counts.total} row(s): ${counts.new} new, ${counts.existing} existing (${counts.unchanged} unchanged), ${counts.invalid} invalid.`,
        ...(preview.groupsToCreate.length ? [`Groups to create: ${preview.groupsToCreate.join(', ')}.`] : []),
        ...(preview.ignoredColumns.length ? [`Ignored columns: ${preview.ignoredColumns.join(', ')}.`] : []),
        counts.invalid ? 'Fix the invalid rows before importing: an import writes all rows or none.' : 'Dry run: nothing was written.',
      ].join('\n');
    }
    return [
      `Imported ${result.joined + result.updated} people: ${result.accountsCreated} new account(s), ${result.joined} joined, ${result.updated} updated, ${result.unchanged} unchanged.`,
      ...(result.groupsCreated.length ? [`Created groups: ${result.groupsCreated.join(', ')}.`] : []),
    ].join('\n');
  },
});
