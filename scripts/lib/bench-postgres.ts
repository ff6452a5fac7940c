// The benchmarks' database: a throwaway embedded PostgreSQL (its folder deleted on stop) with
// one migrated database, counting the statements it logs, so a benchmark can tell how many
// queries a request cost (it turns `log_statement = 'all'` on when its data is in place).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';

export type BenchPostgres = {
  postgres: EmbeddedServer;
  databaseUrl: string;
  /** Statements PostgreSQL has logged since it started. */
  statements(): number;
  /** Keeps the text of the statements logged from now until the next call (on: false returns them). */
  recordStatements(on: boolean): string[];
  /** Stops PostgreSQL (safe to repeat) and deletes its folder. */
  stop(): Promise<void>;
};

export async function startBenchPostgres(database: string): Promise<BenchPostgres> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `fellowship-${database}-`));
  // As root, PostgreSQL runs as another user, who must be able to reach its data folder.
  chmodSync(tmp, 0o755);
  let count = 0;
  let recorded: string[] | undefined;
  let postgres: EmbeddedServer | undefined;
  const stop = async () => {
    await postgres?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pgdata'),
      ephemeral: true,
      fast: true,
      onLog: (message) => {
        // With log_statement = all: one line per statement the app sends.
        for (const line of message.split('\n')) {
          const statement = /LOG:\s+(?:statement|execute [^:]*):\s*(.*)/.exec(line);
          if (!statement) continue;
          count += 1;
          recorded?.push(statement[1]!);
        }
      },
    });
    await ensureDatabase(postgres.adminUrl, database);
    const databaseUrl = withDatabase(postgres.adminUrl, database);
    await applyMigrations(databaseUrl);
    return {
      postgres,
      databaseUrl,
      statements: () => count,
      recordStatements: (on) => {
        const lines = recorded ?? [];
        recorded = on ? [] : undefined;
        return lines;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
