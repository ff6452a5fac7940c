// The shape of a CLI command and what every command shares: opening the database, and the
// error that means "bad usage" (exit 2 with the usage text).
import { fileURLToPath } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import { applyMigrations } from '@/server/db/migrations';
import { openDatabase, type OpenedDatabase } from '@/server/db/runtime';
import { loadDotEnv, parseEnv } from '@/server/env';
import { openSystemContext, systemCohortContext, type CohortContext, type ServiceContext } from '@/server/services/context';

export class UsageError extends Error {}

export type Options = { json: boolean };
export type CommandArgs = { values: Record<string, unknown>; positionals: string[]; options: Options };

/** One command as written: its result type ties `run` to `print`. */
export type CommandSpec<T> = {
  /** "db status", "user create", …: the words that pick it. */
  name: string;
  /** The synopsis in the usage text; continuation lines carry their own indentation. */
  synopsis: string[];
  /** What it does, one usage line each. */
  summary: string[];
  options?: ParseArgsConfig['options'];
  positionals?: string[];
  run(args: CommandArgs): Promise<T>;
  /** Human-readable output; JSON output prints the run's result as is. */
  print(result: T): string;
};

/** A command in the table: its result type is hidden behind `run`, which pairs it with its printer. */
export type Command = Omit<CommandSpec<unknown>, 'run' | 'print'> & {
  run(args: CommandArgs): Promise<{ result: unknown; text(): string }>;
};

export function defineCommand<T>(spec: CommandSpec<T>): Command {
  const { run, print, ...rest } = spec;
  return {
    ...rest,
    run: async (args) => {
      const result = await run(args);
      return { result, text: () => print(result) };
    },
  };
}


export async function withDatabase<T>(work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  // This file sits in src/cli like main.ts (and in the bundle, in dist/): '../..' is the project root.
  loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
  const database = await openDatabase(parseEnv(), { exclusive: false });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * The CLI acts as the installation itself (ADR 0014): each command's services get a system
 * context on a Prisma client of their own, opened after the migrations and closed after.
 */
export function withSystem<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return withDatabase(async (database) => {
    await applyMigrations(database.directUrl);
    const ctx = openSystemContext(database.url);
    try {
      return await work(ctx);
    } finally {
      await ctx.close();
    }
  });
}

/** …and, for commands that name a cohort, the operator's access to it (an admin's). */
export function withCohort<T>(cohortSlug: string, work: (ctx: CohortContext) => Promise<T>): Promise<T> {
  return withSystem(async (ctx) => work(await systemCohortContext(ctx.db, cohortSlug)));
}

/** A command's optional string option, or undefined. */
export function stringOption(values: Record<string, unknown>, key: string): string | undefined {
  return typeof values[key] === 'string' ? (values[key] as string) : undefined;
}
