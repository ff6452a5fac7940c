// What a server does to a database before serving from it: migrate, then add the demo data
// to an empty database. Both under the start-up lock, so N servers started together on an
// empty database migrate and seed it once (the first holder), and the others find it ready.
import { applyMigrationsHoldingLock } from '@/server/db/migrations';
import { withStartupLock } from '@/server/db/startup-lock';
import { openSystemContext } from '@/server/services/context';
import { isDatabaseEmpty, seedDemoData } from './seed-demo';

export type PreparedDatabase = { applied: string[]; seeded: boolean };

/**
 * `directUrl`: a direct connection (DIRECT_DATABASE_URL), for the lock and the migrations;
 * `databaseUrl`: what the seed writes through (it may be a pooler).
 */
export async function prepareDatabase(
  urls: { directUrl: string; databaseUrl: string },
  options: { demoData: boolean; onWait?: () => void },
): Promise<PreparedDatabase> {
  return withStartupLock(
    urls.directUrl,
    async () => {
      const applied = await applyMigrationsHoldingLock(urls.directUrl);
      if (!options.demoData) return { applied, seeded: false };
      const ctx = openSystemContext(urls.databaseUrl);
      try {
        const seeded = await isDatabaseEmpty(ctx);
        if (seeded) await seedDemoData(ctx);
        return { applied, seeded };
      } finally {
        await ctx.close();
      }
    },
    { onWait: options.onWait },
  );
}
