// Runs before each integration test file: a fresh database cloned from the migrated template,
// exposed as DATABASE_URL so the app's own `db` client uses it. Files never share data.
import { afterAll, inject } from 'vitest';
import { disconnectDb } from '@/server/db/client';
import { adminQuery, uniqueDatabaseName, withDatabase } from './test-postgres';

const adminUrl = inject('adminDatabaseUrl');
const name = uniqueDatabaseName('fellowship_test');
await cloneTemplate();
await disconnectDb();
process.env.DATABASE_URL = withDatabase(adminUrl, name);

/** Parallel files clone at once; Postgres lets one copy read a template at a time, so retry. */
async function cloneTemplate() {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

afterAll(async () => {
  await disconnectDb();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
