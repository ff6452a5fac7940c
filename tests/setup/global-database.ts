// Integration tier: start PostgreSQL once and build a migrated template database that every
// test file clones (CREATE DATABASE … TEMPLATE is a file copy: milliseconds per file).
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '@/server/db/migrations';
import { adminQuery, startTestServer, uniqueDatabaseName, withDatabase } from './test-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const template = uniqueDatabaseName('fellowship_template');
  await adminQuery(server.adminUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(withDatabase(server.adminUrl, template));
  project.provide('adminDatabaseUrl', server.adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    if (process.env.TEST_DATABASE_URL) {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    }
    await server.stop();
  };
}
