// `fellowship`: the admin CLI. Same services as the web app.
// Exit codes: 0 success, 1 an error (one line on stderr), 2 bad usage (usage on stderr).
// Each command group lives in ./commands; this file holds the table, the help written from
// it, and the dispatch. (It stays the bundle's entry: `npm run build:cli`.)
import './production-react';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { audit } from './commands/audit';
import { jobsRetry, jobsStatus, worker } from './commands/jobs';
import { serve } from './commands/serve';
import { notifyPreview } from './commands/notify';
import { applicationsExport, groupsPropose, groupsPublish } from './commands/groups';
import { cohortCreate, cohortList } from './commands/cohort';
import { dbBackup, dbMigrate, dbMigrationCreate, dbPrepare, dbPrune, dbRestore, dbSeed, dbStatus } from './commands/db';
import { exportAttendance, exportProgress } from './commands/export';
import { rosterImport } from './commands/roster';
import { syllabusCheckLinks, syllabusExport, syllabusImport } from './commands/syllabus';
import { tokenCreate, tokenList, tokenRevoke } from './commands/token';
import { userCreate } from './commands/user';
import { UsageError, type Command } from './command';
import { usageText } from './usage';

/** Every command, in the order the help lists them. */
const commands: readonly Command[] = [
  dbStatus,
  dbMigrate,
  dbMigrationCreate,
  dbSeed,
  dbPrepare,
  dbBackup,
  dbRestore,
  dbPrune,
  userCreate,
  syllabusImport,
  tokenCreate,
  tokenList,
  tokenRevoke,
  syllabusExport,
  syllabusCheckLinks,
  cohortCreate,
  cohortList,
  rosterImport,
  exportAttendance,
  exportProgress,
  audit,
  serve,
  worker,
  jobsStatus,
  jobsRetry,
  notifyPreview,
  applicationsExport,
  groupsPropose,
  groupsPublish,
];
const commandsByName = new Map(commands.map((command) => [command.name, command]));

const USAGE = usageText(commands);

function describeError(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const name = [`${words[0]} ${words[1]}`, words[0] ?? ''].find((candidate) => commandsByName.has(candidate));
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
  const command = commandsByName.get(name)!;
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
    const { result, text } = await command.run({ values: parsed.values, positionals, options: { json } });
    console.log(json ? JSON.stringify(result, null, 2) : text());
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
