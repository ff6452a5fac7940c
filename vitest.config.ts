import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LastFilesSequencer } from './tests/setup/last-files-sequencer';

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  // Outside Next.js `server-only` is an empty module (Next gives client bundles the failing one).
  'server-only': fileURLToPath(new URL('./src/server/server-only-outside-next.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: LastFilesSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // One embedded PostgreSQL for the run, a migrated template database, and a fresh
          // database per test file cloned from it (tests/setup/).
          globalSetup: ['tests/setup/global-database.ts'],
          setupFiles: ['tests/setup/database-per-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // A production build served by `next start` on a fresh embedded database.
          globalSetup: ['tests/setup/global-app.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
