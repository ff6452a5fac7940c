// `npm start`'s refusals: it must stop at once, clearly, and never touch data it does not own.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/server/db/embedded';
import { makeTempDir } from '../setup/test-postgres';
import { runScript } from './run-command';

describe('npm start', () => {
  it('stops at once with one line naming DATABASE_URL when it is malformed', async () => {
    const result = await runScript('src/cli/start.ts', [], { DATABASE_URL: 'nonsense' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('DATABASE_URL must be a PostgreSQL URL')]);
  });

  it('names a bad port variable', async () => {
    const result = await runScript('src/cli/start.ts', [], { DATABASE_URL: '', FELLOWSHIP_PG_PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FELLOWSHIP_PG_PORT must be a port number');
  });

  describe('a second start on a data folder in use', () => {
    let dataDir: string;
    let running: EmbeddedServer;

    beforeAll(async () => {
      dataDir = makeTempDir('fellowship-start-');
      running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pgdata'), ephemeral: true, fast: true });
    });
    afterAll(async () => {
      await running.stop();
    });

    it('refuses with a clear message and leaves the running server alone', async () => {
      const result = await runScript('src/cli/start.ts', [], { DATABASE_URL: '', FELLOWSHIP_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('is already in use by PostgreSQL');
      expect(result.stderr).toContain('is Fellowship already running?');
      // The first server still answers.
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: running.adminUrl });
      await client.connect();
      expect((await client.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
      await client.end();
    });
  });
});
