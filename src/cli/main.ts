// `fellowship`: the admin CLI. Same services as the web app.
// Exit codes: 0 success, 1 an error (one line on stderr), 2 bad usage (usage on stderr).
import { readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ZodError } from 'zod';
import { createPrismaClient } from '@/server/db/client';
import { applyMigrations, createMigration } from '@/server/db/migrations';
import { openDatabase, safeLocation, type OpenedDatabase } from '@/server/db/runtime';
import { readDatabaseStatus } from '@/server/db/status';
import { loadDotEnv, parseEnv } from '@/server/env';
import { AppError } from '@/server/errors';
import { isDatabaseEmpty, seedDemoData } from '@/server/services/demo/seed-demo';
import { checkCurriculumLinks, type PlacedLinkCheck } from '@/server/services/curricula/check-links';
import { exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { importSyllabus, loadCurriculumForExport, type ImportSyllabusResult } from '@/server/services/syllabus/import-syllabus';
import { assertSyllabusSize, decodeSyllabusFile, parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import type { ParsedSyllabus, SyllabusWarning } from '@/lib/syllabus/types';
import { createUser } from '@/server/services/users/create-user';
import {
  createApiToken,
  listApiTokens,
  parseExpiry,
  revokeApiToken,
  type ApiTokenSummary,
  type CreatedApiToken,
} from '@/server/services/api-tokens/api-tokens';
import { cloneCohort, createCohort, type CreatedCohort } from '@/server/services/cohorts/create-cohort';
import { listAdminCohorts, type AdminCohortRow } from '@/server/services/cohorts/list-admin-cohorts';
import { findCohortId } from '@/server/services/cohorts/update-cohort';
import { importRoster, previewRoster, type RosterImportResult, type RosterPreview } from '@/server/services/roster/import-roster';
import { assertRosterSize } from '@/server/services/roster/parse-roster';
import { toIsoDate } from '@/lib/cohort-calendar';
import { exportAttendanceCsv, exportProgressCsv, findGroupIdByName } from '@/server/services/standing/export-csv';

const USAGE = `Usage: fellowship <command> [options]

Commands:
  db status                         Where the database is and which migrations are applied
  db migrate                        Apply pending migrations (safe to repeat)
  db migration-create <name>        Write prisma/migrations/<timestamp>_<name>/ from schema.prisma
  db seed                           Add the demo data (safe to repeat)
  db prepare                        Migrate, then add the demo data if the database is empty
  user create --email E --name N [--admin]
                                    Create a user
  syllabus import <file.md> [--dry-run] [--slug S] [--replace]
                                    Import a markdown syllabus as a curriculum; --dry-run
                                    prints what it read and writes nothing
  token create --email E --cohort C [--name N] [--expires 90d|never]
                                    Make an API token for a member's training jobs
                                    (printed once; default: no expiry)
  token list --email E              A person's API tokens (never the secret)
  token revoke <id>                 Revoke an API token at once
  syllabus export <slug> [--out file.md]
                                    Print a curriculum as markdown (or write it to a file)
  syllabus check-links <slug>       Ask every reading's web link whether it still answers;
                                    lists the broken, moved and silent ones
  cohort create --curriculum S --name N --start YYYY-MM-DD [--slug S] [--term T]
                [--time-zone Z] [--cadence WEEKS] [--clone C [--include-facilitators]]
                                    Create a cohort running its own copy of template S, or
                                    with --clone, a copy of cohort C (its syllabus and groups)
  cohort list                       Every cohort with its status, dates and counts
  roster import <cohort> <file.csv> [--dry-run] [--create-groups]
                                    Add people from a CSV (name, email, role, group): all rows
                                    or none; --dry-run shows each row's fate and writes nothing
  export attendance <cohort> [--group G]
                                    Print attendance as CSV: a row per fellow, a column per meeting
  export progress <cohort> [--group G]
                                    Print reading progress as CSV: a row per fellow, a column per reading

Options:
  --json      Print the result as JSON (for scripts)
  -h, --help  Show this help

Without DATABASE_URL the embedded PostgreSQL in FELLOWSHIP_DATA_DIR is used (reused when
\`npm start\` is running, otherwise started for the command and stopped after it).`;

class UsageError extends Error {}

type Options = { json: boolean };
type Command = {
  options?: ParseArgsConfig['options'];
  positionals?: string[];
  run(context: { values: Record<string, unknown>; positionals: string[]; options: Options }): Promise<unknown>;
  /** Human-readable output; JSON output prints the run's result as is. */
  print(result: never): string;
};

async function withDatabase<T>(work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
  const database = await openDatabase(parseEnv(), { exclusive: false });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function withPrisma<T>(work: (prisma: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  return withDatabase(async (database) => {
    await applyMigrations(database.url);
    const prisma = createPrismaClient(database.url);
    try {
      return await work(prisma);
    } finally {
      await prisma.$disconnect();
    }
  });
}

const commands: Record<string, Command> = {
  'db status': {
    run: () =>
      withDatabase(async (database) => ({
        database: safeLocation(database.url),
        source: database.source,
        ...(await readDatabaseStatus(database.url)),
      })),
    print: (status: { database: string; source: string; serverVersion: string; appliedMigrations: string[]; pendingMigrations: string[]; failedMigrations: string[] }) =>
      [
        `Database:   ${status.database} (${status.source}), PostgreSQL ${status.serverVersion}`,
        `Applied:    ${status.appliedMigrations.length} migration(s)`,
        `Pending:    ${status.pendingMigrations.length ? status.pendingMigrations.join(', ') + ' (run: npm run db:migrate)' : 'none'}`,
        ...(status.failedMigrations.length ? [`Failed:     ${status.failedMigrations.join(', ')}`] : []),
      ].join('\n'),
  },
  'db migrate': {
    run: () => withDatabase(async (database) => ({ applied: await applyMigrations(database.url) })),
    print: ({ applied }: { applied: string[] }) =>
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Already up to date.',
  },
  'db migration-create': {
    positionals: ['name'],
    run: ({ positionals }) =>
      withDatabase(async (database) => {
        await applyMigrations(database.url);
        return { created: await createMigration(database.url, positionals[0]!) };
      }),
    print: ({ created }: { created: string | null }) =>
      created ? `Wrote ${created}/migration.sql: review it, then commit it.` : 'schema.prisma matches the migrations: nothing to write.',
  },
  'db prepare': {
    // What a deployment runs before the server (the Docker image does): migrate, then add the
    // demo data to an empty database unless FELLOWSHIP_DEMO_DATA=0.
    run: () =>
      withDatabase(async (database) => {
        const applied = await applyMigrations(database.url);
        const prisma = createPrismaClient(database.url);
        try {
          const seeded = parseEnv().FELLOWSHIP_DEMO_DATA && (await isDatabaseEmpty(prisma));
          if (seeded) await seedDemoData(prisma);
          return { applied, seeded };
        } finally {
          await prisma.$disconnect();
        }
      }),
    print: ({ applied, seeded }: { applied: string[]; seeded: boolean }) =>
      `${applied.length ? `Applied ${applied.join(', ')}.` : 'Schema up to date.'}${seeded ? ' Added the demo data.' : ''}`,
  },
  'db seed': {
    run: () => withPrisma((prisma) => seedDemoData(prisma)),
    print: () => 'Demo data is in place (admin@example.com, facilitator1@example.com, fellow1@example.com …).',
  },
  'user create': {
    options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' } },
    run: ({ values }) => {
      if (typeof values.email !== 'string' || typeof values.name !== 'string') {
        throw new UsageError('user create needs --email and --name');
      }
      const input = { email: values.email, name: values.name, isAdmin: values.admin === true };
      return withPrisma((prisma) => createUser(prisma, input));
    },
    print: (user: { email: string; isAdmin: boolean }) => `Created ${user.isAdmin ? 'admin ' : ''}${user.email}`,
  },
  'token create': {
    options: { email: { type: 'string' }, cohort: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
    run: ({ values }) => {
      if (typeof values.email !== 'string' || typeof values.cohort !== 'string') {
        throw new UsageError('token create needs --email and --cohort');
      }
      const email = values.email.trim().toLowerCase();
      const cohort = values.cohort;
      const expiresInDays = typeof values.expires === 'string' ? parseExpiry(values.expires) : null;
      const name = typeof values.name === 'string' ? values.name : `CLI ${new Date().toISOString().slice(0, 10)}`;
      return withPrisma(async (prisma) => {
        const user = await findUserByEmail(prisma, email);
        return createApiToken(prisma, user.id, cohort, { name, expiresInDays });
      });
    },
    print: (token: CreatedApiToken) =>
      [
        `Made API token "${token.name}" (${token.id}) for ${token.cohort.name}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ', no expiry'}.`,
        'It is shown only this once:',
        '',
        `  ${token.token}`,
        '',
        'In the job: FELLOWSHIP_URL=<this server> FELLOWSHIP_TOKEN=<the token> python train.py',
      ].join('\n'),
  },
  'token list': {
    options: { email: { type: 'string' } },
    run: ({ values }) => {
      if (typeof values.email !== 'string') throw new UsageError('token list needs --email');
      const email = values.email.trim().toLowerCase();
      return withPrisma(async (prisma) => listApiTokens(prisma, (await findUserByEmail(prisma, email)).id));
    },
    print: (tokens: ApiTokenSummary[]) =>
      tokens.length === 0
        ? 'No API tokens.'
        : tokens
            .map(
              (token) =>
                `${token.id}  ${token.prefix}…  ${token.status.padEnd(7)}  ${token.cohort.slug}  "${token.name}"  last used ${token.lastUsedAt?.toISOString() ?? 'never'}`,
            )
            .join('\n'),
  },
  'token revoke': {
    positionals: ['id'],
    run: ({ positionals }) => withPrisma((prisma) => revokeApiToken(prisma, null, positionals[0]!)),
    print: (token: ApiTokenSummary) => `Revoked API token "${token.name}" (${token.prefix}…); jobs using it are refused from now on.`,
  },
  'syllabus import': {
    positionals: ['file.md'],
    options: { 'dry-run': { type: 'boolean' }, slug: { type: 'string' }, replace: { type: 'boolean' } },
    run: async ({ values, positionals }): Promise<SyllabusImportOutput> => {
      const text = await readSyllabusFile(positionals[0]!);
      const slug = typeof values.slug === 'string' ? values.slug : undefined;
      const parsed = parseSyllabusMarkdown(text, { slug });
      // A dry run never opens the database: nothing can be written.
      if (values['dry-run'] === true) return { dryRun: true, ...parsed };
      const imported = await withPrisma((prisma) => importSyllabus(prisma, parsed, { replace: values.replace === true }));
      return { dryRun: false, imported, warnings: parsed.warnings };
    },
    print: (result: SyllabusImportOutput) => {
      if (result.dryRun) {
        const counts = countItems(result);
        return [
          `Read "${result.curriculum.title}" (slug ${result.curriculum.slug}): ${counts.weeks} week(s), ${counts.sections} section(s), ${counts.items} item(s) (${counts.linked} linked), ${counts.goals} learning goal(s).`,
          `${result.coverage.keptLines} line(s) kept as notes, ${result.coverage.ignoredLines} ignored (front matter, table of contents).`,
          ...printWarnings(result.warnings),
          'Dry run: nothing was written.',
        ].join('\n');
      }
      const { imported } = result;
      return [
        `${imported.outcome === 'replaced' ? 'Replaced' : 'Imported'} "${imported.title}" as ${imported.slug}: ${imported.weeks} week(s), ${imported.sections} section(s), ${imported.items} item(s), ${imported.goals} learning goal(s).`,
        ...printWarnings(result.warnings),
      ].join('\n');
    },
  },
  'syllabus export': {
    positionals: ['slug'],
    options: { out: { type: 'string' } },
    run: async ({ values, positionals }) => {
      const markdown = await withPrisma(async (prisma) => exportSyllabusMarkdown(await loadCurriculumForExport(prisma, positionals[0]!)));
      const out = typeof values.out === 'string' ? values.out : null;
      if (out) await writeFile(out, markdown);
      return { slug: positionals[0]!, out, markdown };
    },
    print: ({ out, markdown }: { out: string | null; markdown: string }) =>
      out ? `Wrote ${out}.` : markdown.replace(/\n$/, ''),
  },
  'syllabus check-links': {
    positionals: ['slug'],
    run: ({ positionals }) => withPrisma((prisma) => checkCurriculumLinks(prisma, positionals[0]!)),
    print: (results: PlacedLinkCheck[]) => {
      const needLook = results.filter((result) => result.outcome !== 'ok');
      const lines = needLook.map(
        (result) => `${result.outcome.padEnd(11)} ${result.week} · ${result.section} · ${result.title}\n            ${result.url}\n            ${result.detail}`,
      );
      const broken = needLook.filter((result) => result.outcome !== 'moved').length;
      return [
        ...lines,
        needLook.length === 0
          ? `All ${results.length} link(s) answer.`
          : `${results.length} link(s) checked: ${broken} need fixing, ${needLook.length - broken} moved.`,
      ].join('\n');
    },
  },
  'cohort create': {
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
      const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
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
      return withPrisma((prisma) =>
        clone
          ? cloneCohort(prisma, { ...common, source: clone, curriculum: text('curriculum'), includeFacilitators: values['include-facilitators'] === true })
          : createCohort(prisma, { ...common, curriculum: text('curriculum')! }),
      );
    },
    print: (cohort: CreatedCohort) =>
      [
        `Created cohort "${cohort.name}" (${cohort.slug}), a draft starting ${toIsoDate(cohort.startDate)} in ${cohort.timeZone}.`,
        `Syllabus: its own copy ${cohort.curriculum.slug} of ${cohort.curriculum.source?.slug ?? 'its template'} (version ${cohort.curriculum.sourceVersion ?? 1}).`,
        ...(cohort.clonedFromId ? [`Copied ${cohort._count.groups} group(s) and ${cohort._count.memberships} facilitator(s); no fellows.`] : []),
      ].join('\n'),
  },
  'cohort list': {
    run: () => withPrisma((prisma) => listAdminCohorts(prisma)),
    print: (cohorts: AdminCohortRow[]) =>
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
  },
  'roster import': {
    positionals: ['cohort', 'file.csv'],
    options: { 'dry-run': { type: 'boolean' }, 'create-groups': { type: 'boolean' } },
    run: async ({ values, positionals }): Promise<RosterOutput> => {
      const csv = await readRosterFile(positionals[1]!);
      const input = { csv, createMissingGroups: values['create-groups'] === true };
      return withPrisma(async (prisma) => {
        const cohortId = await findCohortId(prisma, positionals[0]!);
        if (values['dry-run'] === true) return { dryRun: true, ...(await previewRoster(prisma, cohortId, input)) };
        return { dryRun: false, ...(await importRoster(prisma, cohortId, input)) };
      });
    },
    print: (result: RosterOutput) => {
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
  },
};

function exportCommand(write: typeof exportAttendanceCsv): Command {
  return {
    positionals: ['cohort'],
    options: { group: { type: 'string' } },
    run: ({ values, positionals }) =>
      withPrisma(async (prisma) => {
        const cohortId = await findCohortId(prisma, positionals[0]!);
        const groupId = typeof values.group === 'string' ? await findGroupIdByName(prisma, cohortId, values.group) : undefined;
        return { csv: await write(prisma, cohortId, { groupId }) };
      }),
    print: ({ csv }: { csv: string }) => csv.replace(/\n$/, ''),
  };
}
commands['export attendance'] = exportCommand(exportAttendanceCsv);
commands['export progress'] = exportCommand(exportProgressCsv);

async function findUserByEmail(prisma: ReturnType<typeof createPrismaClient>, email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', `No user with the email ${email}.`);
  return user;
}

/** Reads a syllabus file, refusing what is not one before reading much of it. */
async function readSyllabusFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('BAD_REQUEST', `${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `${file}: no such file.` : `${file} cannot be read (${code ?? 'error'}).`);
  }
  assertSyllabusSize(size); // before reading: a huge file is refused without loading it
  return decodeSyllabusFile(await readFile(file));
}

/** Reads a roster CSV, refusing one too large before reading it. */
async function readRosterFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('BAD_REQUEST', `${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `${file}: no such file.` : `${file} cannot be read (${code ?? 'error'}).`);
  }
  assertRosterSize(size);
  return new TextDecoder('utf-8').decode(await readFile(file));
}

type RosterOutput = ({ dryRun: true } & RosterPreview) | ({ dryRun: false } & RosterImportResult);

function countItems(parsed: ParsedSyllabus) {
  const sections = parsed.curriculum.weeks.flatMap((week) => week.sections);
  const items = sections.flatMap((section) => section.items);
  return {
    weeks: parsed.curriculum.weeks.length,
    sections: sections.length,
    items: items.length,
    linked: items.filter((item) => item.url !== null).length,
    goals: parsed.curriculum.weeks.reduce((sum, week) => sum + week.goals.length, 0),
  };
}

function printWarnings(warnings: SyllabusWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [`Warnings (${warnings.length}):`, ...warnings.map((warning) => `  line ${warning.line}: ${warning.message}`)];
}

type SyllabusImportOutput =
  | ({ dryRun: true } & ParsedSyllabus)
  | { dryRun: false; imported: ImportSyllabusResult; warnings: SyllabusWarning[] };

function describeError(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const name = [`${words[0]} ${words[1]}`, words[0] ?? ''].find((candidate) => candidate in commands);
  if (!name) {
    if (wantsHelp && words.length === 0) {
      console.log(USAGE);
      return 0;
    }
    console.error(words.length ? `Unknown command: ${words.slice(0, 2).join(' ')}\n\n${USAGE}` : USAGE);
    return 2;
  }
  if (wantsHelp) {
    console.log(USAGE);
    return 0;
  }
  const command = commands[name]!;
  const json = argv.includes('--json');
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(name.split(' ').length),
      options: { json: { type: 'boolean' }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const positionals = parsed.positionals;
  const expected = command.positionals ?? [];
  if (positionals.length !== expected.length) {
    console.error(`${name} takes ${expected.length ? expected.map((p) => `<${p}>`).join(' ') : 'no arguments'}\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = await command.run({ values: parsed.values, positionals, options: { json } });
    console.log(json ? JSON.stringify(result, null, 2) : command.print(result as never));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const message = describeError(error);
    console.error(json ? JSON.stringify({ error: { message } }) : `fellowship: ${message}`);
    return 1;
  }
}

// An explicit exit: tsx's launcher would report a plain exitCode as 0.
process.exit(await main(process.argv.slice(2)));
