// One server at a time prepares the database. Several app servers (or `fellowship worker`s)
// started together on an empty or older database would otherwise each migrate and seed it:
// Prisma's engine has its own advisory lock, but it gives up after 10 s, and the demo seed
// has none. Each holder of this lock checks what is still to do, so the later ones find
// nothing left and go on.
//
// A session-level advisory lock needs one connection for its whole life, so this must be
// given a direct URL (DIRECT_DATABASE_URL), never a transaction-mode pooler's.
import pg from 'pg';

/** 'fellowship startup' as a lock key; distinct from Prisma's own (72707369). */
export const STARTUP_LOCK_KEY = 0x6665_6c6c;

export async function withStartupLock<T>(
  connectionString: string,
  work: () => Promise<T>,
  options: { onWait?: () => void } = {},
): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: 'fellowship startup lock' });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [STARTUP_LOCK_KEY]);
    if (!rows[0]!.locked) {
      options.onWait?.();
      // No timeout: the holder is migrating or seeding, and when it is done there is nothing left to do here.
      await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => {});
    }
  } finally {
    // Ending the session releases the lock even if the unlock above failed.
    await client.end().catch(() => {});
  }
}
