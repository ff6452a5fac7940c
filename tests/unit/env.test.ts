import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/server/env';

describe('parseEnv', () => {
  it('defaults to the embedded database on port 3000 with demo data', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({
      FELLOWSHIP_DATA_DIR: '.fellowship',
      PORT: 3000,
      FELLOWSHIP_DEMO_DATA: true,
    });
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/app' }).DATABASE_URL).toBe('postgres://u:p@db:5432/app');
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/app' }).DATABASE_URL).toBe('postgresql://localhost/app');
  });

  it.each([['nonsense'], ['mysql://localhost/app'], ['postgres://has space/db']])(
    'rejects DATABASE_URL=%s with one line naming the variable',
    (value) => {
      expect(() => parseEnv({ DATABASE_URL: value })).toThrow(EnvError);
      try {
        parseEnv({ DATABASE_URL: value });
      } catch (error) {
        const message = (error as Error).message;
        expect(message.split('\n')).toHaveLength(1);
        expect(message).toMatch(/^DATABASE_URL must be a PostgreSQL URL/);
      }
    },
  );

  it('names every bad variable, one per line', () => {
    const lines = (() => {
      try {
        parseEnv({ PORT: '70000', FELLOWSHIP_PG_PORT: 'x', FELLOWSHIP_DEMO_DATA: 'maybe' });
        return [];
      } catch (error) {
        return (error as Error).message.split('\n').sort();
      }
    })();
    expect(lines).toEqual([
      'FELLOWSHIP_DEMO_DATA must be 1 or 0 (got "maybe")',
      'FELLOWSHIP_PG_PORT must be a port number between 1 and 65535 (got "x")',
      'PORT must be a port number between 1 and 65535 (got "70000")',
    ]);
  });

  it('keeps sign-in links, sessions, failed jobs and emails for the retention defaults, and refuses a log too short', () => {
    expect(parseEnv({})).toMatchObject({
      FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS: 1,
      FELLOWSHIP_RETAIN_SESSION_DAYS: 30,
      FELLOWSHIP_RETAIN_FAILED_JOB_DAYS: 30,
      FELLOWSHIP_RETAIN_NOTIFICATION_DAYS: 180,
    });
    expect(parseEnv({ FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS: '0' }).FELLOWSHIP_RETAIN_SIGNIN_TOKEN_DAYS).toBe(0);
    expect(() => parseEnv({ FELLOWSHIP_RETAIN_NOTIFICATION_DAYS: '7' })).toThrow(
      'FELLOWSHIP_RETAIN_NOTIFICATION_DAYS must be a whole number of days, at least 14 (the email log is what stops an email going twice) (got "7")',
    );
    expect(() => parseEnv({ FELLOWSHIP_RETAIN_SESSION_DAYS: '-1' })).toThrow(/^FELLOWSHIP_RETAIN_SESSION_DAYS must be a whole number of days, at least 0/);
  });

  it('turns demo data off with 0', () => {
    expect(parseEnv({ FELLOWSHIP_DEMO_DATA: '0' }).FELLOWSHIP_DEMO_DATA).toBe(false);
  });
});
