// The admin CLI as a child process against this file's database.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { runCli } from './run-command';

describe('fellowship CLI', () => {
  it('prints usage and exits 2 on an unknown command', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command: frobnicate');
    expect(result.stderr).toContain('Usage: fellowship');
  });

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('user create --email E --name N');
  });

  it('exits 2 when user create misses --email', async () => {
    const result = await runCli(['user', 'create', '--name', 'Ada']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs --email and --name');
  });

  it('creates a user, prints JSON, and refuses a duplicate with one line and exit 1', async () => {
    const created = await runCli(['user', 'create', '--email', 'Grace@Example.com', '--name', 'Grace Hopper', '--admin', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper', isAdmin: true });
    expect(await db.user.count({ where: { email: 'grace@example.com', isAdmin: true } })).toBe(1);

    const duplicate = await runCli(['user', 'create', '--email', 'grace@example.com', '--name', 'Again']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe('fellowship: A user with the email grace@example.com already exists.');
  });

  it('rejects a malformed email with a message naming the field', async () => {
    const result = await runCli(['user', 'create', '--email', 'not-an-email', '--name', 'X']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('email must be an email address');
  });

  it('reports the database status as JSON', async () => {
    const result = await runCli(['db', 'status', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.source).toBe('DATABASE_URL');
    expect(status.appliedMigrations.length).toBeGreaterThan(0);
    expect(status.pendingMigrations).toEqual([]);
  });

  it('exits 1 with one line naming the variable when DATABASE_URL is malformed', async () => {
    const result = await runCli(['db', 'status'], { DATABASE_URL: 'nonsense' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});
